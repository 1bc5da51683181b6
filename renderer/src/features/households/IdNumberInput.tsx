import { Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode, type Ref } from 'react';
import { duplicateIdMessage, normalizeIdNumber, parseIdNumber, sexLabels, type IdNumberCheck } from '../../../../shared/domain/idNumber';
import { ageOn } from '../../../../shared/lib/dates';
import { apiQuery } from '../../api/queries';

/** The ID number as it is typed: its check, its length, and what it says about the person. */
export function readIdNumber(raw: string, today: string): { check: IdNumberCheck; length: number; normalized: string } {
  const normalized = normalizeIdNumber(raw);
  return { check: parseIdNumber(raw, today), length: Array.from(normalized).length, normalized };
}

/** '男 · 1980-05-01 · 45岁', or null while the number is incomplete or wrong. */
export function derivedText(raw: string, today: string): string | null {
  const { check } = readIdNumber(raw, today);
  if (!check.ok) return null;
  return `${sexLabels[check.sex]} · ${check.birthDate} · ${ageOn(check.birthDate, today)}岁`;
}

/**
 * Who is already on the register with this number (asked while typing, after a short pause).
 * Returns a Chinese warning, or null.
 */
function useHolderWarning(idNumber: string | null, excludeMemberId: string | undefined): string | null {
  const [debounced] = useDebouncedValue(idNumber, 200);
  const input = excludeMemberId ? { idNumber: debounced ?? '', excludeMemberId } : { idNumber: debounced ?? '' };
  const check = useQuery({ ...apiQuery('households.checkId', input), enabled: debounced !== null && debounced === idNumber, staleTime: 5_000 });
  const holder = debounced === idNumber && idNumber !== null ? (check.data?.holder ?? null) : null;
  return holder && idNumber !== null ? duplicateIdMessage(idNumber, holder) : null;
}

export interface IdNumberInputProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** Overrides the accessible name, e.g. `第1位成员 身份证号` in the members grid. */
  ariaLabel?: string;
  /** From the form's own check or from the core; shown before the instant check. */
  error?: ReactNode;
  /** Another member of the same form has this number. */
  duplicateInForm?: string | null;
  /** Editing an existing member: that member is not a clash with himself. */
  excludeMemberId?: string;
  today: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}

/**
 * 身份证号 with instant feedback: the length while typing, the format and check-digit message
 * as soon as 18 characters are there, and a warning when the person is already on the register.
 */
export function IdNumberInput(props: IdNumberInputProps) {
  const { value, onChange, label, ariaLabel, error, duplicateInForm, excludeMemberId, today, required, inputRef, disabled } = props;
  const [blurred, setBlurred] = useState(false);
  const { check, length, normalized } = readIdNumber(value, today);
  const instantError = !check.ok && length > 0 && (length >= 18 || blurred) ? check.message : null;
  const warning = useHolderWarning(check.ok && !disabled ? normalized : null, excludeMemberId);
  const shownError = error ?? instantError ?? duplicateInForm ?? null;
  const description = !check.ok && length > 0 && length < 18 && !shownError ? `已输入 ${length}/18 位` : undefined;

  return (
    <Stack gap={2}>
      <TextInput
        ref={inputRef}
        label={label}
        aria-label={ariaLabel}
        required={required}
        disabled={disabled}
        value={value}
        autoComplete="off"
        spellCheck={false}
        inputMode="text"
        styles={{ input: { fontFamily: "ui-monospace, Consolas, 'DejaVu Sans Mono', monospace", letterSpacing: 0.3 } }}
        onChange={(e) => onChange(normalizeIdNumber(e.currentTarget.value))}
        onBlur={() => setBlurred(true)}
        onFocus={() => setBlurred(false)}
        error={shownError}
        description={description}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />
      {warning && !shownError && (
        <Text size="xs" c="orange.8" role="status">
          {warning}
        </Text>
      )}
    </Stack>
  );
}
