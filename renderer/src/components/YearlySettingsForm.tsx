import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { FormFooter } from './FormFooter';
import { apiFieldErrors, errorMessage, isStaleSave, notifySuccess } from './formErrors';
import { StaleSaveAlert } from './StaleSaveAlert';
import { basisNotice, type YearlyBasis } from './yearlyBasis';

export type { YearlyBasis } from './yearlyBasis';

// The one form of a setting kept year by year (就业参数, 公益岗设置, 资金项目参数; see the
// thresholds for the rule): the year's fields, a notice when the year is not saved yet saying
// where the shown values come from, the save with its refusal, a stale-save notice, and one
// wording for all three.

export interface YearlySettingsFormProps {
  /** 就业参数, 公益岗设置, 资金项目参数: used in the notice and the saved message. */
  what: string;
  year: number;
  basis: YearlyBasis;
  /** Heading inside the frame (a page shows "2026 年就业参数"; a dialog has its own title). */
  title?: ReactNode;
  /**
   * Checks the fields and saves. Return false when a field is wrong (the page has marked it):
   * nothing is sent. Throw the core's refusal: its field errors go to `onFieldErrors`.
   */
  onSave: () => Promise<boolean | void>;
  onFieldErrors: (errors: Record<string, string>) => void;
  onCancel: () => void;
  /** After a save (a dialog closes). */
  onSaved?: () => void;
  /** What to refetch when the year was changed by someone else meanwhile. */
  reloadKey: QueryKey;
  /** A page draws a frame; a dialog does not. */
  framed?: boolean;
  maw?: number;
  children: ReactNode;
}

export function YearlySettingsForm(p: YearlySettingsFormProps) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const notice = basisNotice(p.what, p.year, p.basis);

  const save = async () => {
    setFailure(null);
    setStale(null);
    setBusy(true);
    try {
      if ((await p.onSave()) === false) return;
      notifySuccess(`${p.year} 年${p.what}已保存`);
      p.onSaved?.();
    } catch (err) {
      if (isStaleSave(err)) setStale(errorMessage(err));
      else {
        p.onFieldErrors(apiFieldErrors(err));
        setFailure(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const body = (
    <form
      noValidate
      aria-label={`${p.year} 年${p.what}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        {p.title && <Title order={5}>{p.title}</Title>}
        {notice && (
          <Alert color="yellow" variant="light">
            {notice}
          </Alert>
        )}
        {p.children}
        {stale && <StaleSaveAlert message={stale} onReload={() => void queryClient.invalidateQueries({ queryKey: p.reloadKey })} />}
        <FormFooter failure={failure} submitLabel="保存" busy={busy} onCancel={p.onCancel} />
      </Stack>
    </form>
  );
  return p.framed === false ? (
    body
  ) : (
    <Paper withBorder p="md" maw={p.maw}>
      {body}
    </Paper>
  );
}
