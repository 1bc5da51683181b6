// Hints, secondary text and placeholders in Mantine's default light grays (#868e96, #adb5bd) read
// at 3.3:1 and 2.1:1 on white — too faint for older clerks on cheap monitors (issue 15 #24). These
// meet WCAG AA (4.5:1) on white and on the light gray of striped rows and table headers.

export const readableGrays = {
  /** Secondary text: `c="dimmed"`, descriptions, hints. */
  dimmed: '#5c636a',
  /** Placeholders inside inputs. */
  placeholder: '#666d74',
} as const;

/** The backgrounds such text sits on: white, and Mantine's gray-0 / gray-1 of striped and header rows. */
export const lightBackgrounds = ['#ffffff', '#f8f9fa', '#f1f3f5'] as const;

/** MantineProvider's resolver: the light scheme's text grays. */
export function readableGrayVariables() {
  return {
    variables: {},
    light: { '--mantine-color-dimmed': readableGrays.dimmed, '--mantine-color-placeholder': readableGrays.placeholder },
    dark: {},
  };
}
