import { DateInput, type DateInputProps } from '@mantine/dates';
import { useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { GetInputPropsReturnType } from '@mantine/form';
import { dateRefusal, parseDateText } from '../../../shared/lib/dateText';

// The one date field of the program. A native date input follows the browser's and the
// operating system's language (mm/dd/yyyy, English months on many office PCs); this one always
// shows a Chinese calendar and reads what a clerk types: 2026-12-05, 20261205, 2026.12.5,
// 2026年12月5日. Values go in and out as 'YYYY-MM-DD' text, '' for none, like the fields it replaced.

const ARIA_LABELS = {
  monthLevelControl: '选择月份',
  yearLevelControl: '选择年份',
  nextMonth: '下个月',
  previousMonth: '上个月',
  nextYear: '下一年',
  previousYear: '上一年',
  nextDecade: '后十年',
  previousDecade: '前十年',
};

export interface DateFieldProps
  extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'minDate' | 'maxDate' | 'dateParser' | 'valueFormat' | 'error'> {
  value: string;
  onChange: (value: string) => void;
  /** Earliest day accepted, 'YYYY-MM-DD'. */
  min?: string;
  /** Latest day accepted, 'YYYY-MM-DD'. */
  max?: string;
  error?: ReactNode;
}

export function DateField({ value, onChange, min, max, error, onBlur, onClick, onKeyDown, required, getDayProps, ...rest }: DateFieldProps) {
  // Opened by a click only: a field reached with Tab, or focused when a dialog opens, must not
  // throw a calendar over the buttons below it.
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <DateInput
      {...rest}
      required={required}
      value={value === '' ? null : value}
      onChange={(v) => {
        setTyped(null);
        onChange(v ?? '');
      }}
      minDate={min || undefined}
      maxDate={max || undefined}
      dateParser={parseDateText}
      valueFormat="YYYY-MM-DD"
      monthLabelFormat="YYYY年M月"
      yearLabelFormat="YYYY年"
      ariaLabels={ARIA_LABELS}
      placeholder={rest.placeholder ?? '如 2026-12-05'}
      // An optional field may be emptied; a required one keeps its day until another is chosen.
      clearable={!required && !rest.disabled}
      allowDeselect={false}
      error={typed ?? error}
      popoverProps={{ opened, onChange: setOpened }}
      getDayProps={(day) => ({
        ...getDayProps?.(day),
        onClick: (event) => {
          getDayProps?.(day).onClick?.(event);
          setOpened(false);
        },
      })}
      onClick={(event) => {
        setOpened(true);
        onClick?.(event);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'ArrowDown' && !opened) setOpened(true);
        if (event.key === 'Escape' && opened) {
          // Close the calendar, not the dialog around it.
          event.stopPropagation();
          setOpened(false);
        }
        onKeyDown?.(event);
      }}
      onBlur={(event: FocusEvent<HTMLInputElement>) => {
        setOpened(false);
        setTyped(dateRefusal(event.currentTarget.value, min, max));
        onBlur?.(event);
      }}
    />
  );
}

/** A @mantine/form field (`form.getInputProps('date')`) as DateField's value, onChange and error. */
export function formDate(input: GetInputPropsReturnType): Pick<DateFieldProps, 'value' | 'onChange' | 'error' | 'onFocus' | 'onBlur'> {
  const { value, onChange, error, onFocus, onBlur } = input;
  return {
    value: typeof value === 'string' ? value : '',
    onChange: (v: string) => onChange(v),
    error: error as ReactNode,
    onFocus: onFocus as DateFieldProps['onFocus'],
    onBlur: onBlur as DateFieldProps['onBlur'],
  };
}
