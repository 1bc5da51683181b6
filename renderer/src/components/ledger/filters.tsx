import { NativeSelect, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';

// The filters most ledgers share: a year typed as four digits, the village, and a choice from a
// fixed list with "all" first. An empty string always means "no filter".

export interface YearFilterState {
  text: string;
  setText: (text: string) => void;
  valid: boolean;
  /** The year the query uses: the typed one when valid, else the current year. */
  year: number;
}

export function useYearFilter(): YearFilterState {
  const today = useToday();
  const [text, setText] = useState(today.slice(0, 4));
  const valid = /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100;
  return { text, setText, valid, year: valid ? Number(text) : Number(today.slice(0, 4)) };
}

export function YearFilter({ filter }: { filter: YearFilterState }) {
  return <TextInput label="年度" w={90} value={filter.text} error={filter.valid ? undefined : '请填 4 位年度'} onChange={(e) => filter.setText(e.currentTarget.value)} />;
}

export function VillageFilter({ value, onChange }: { value: string; onChange: (villageId: string) => void }) {
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  return (
    <NativeSelect
      label="村"
      w={130}
      data={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

export interface ChoiceFilterProps<T extends string> {
  label: string;
  w: number;
  /** The first entry, meaning no filter: 全部, 全部类型… */
  all: string;
  options: readonly T[];
  /** Shown for each option; without it the option is its own label (catalog text). */
  labels?: Readonly<Record<T, string>>;
  value: T | '';
  onChange: (value: T | '') => void;
}

export function ChoiceFilter<T extends string>({ label, w, all, options, labels, value, onChange }: ChoiceFilterProps<T>) {
  return (
    <NativeSelect
      label={label}
      w={w}
      data={[{ value: '', label: all }, ...options.map((o) => ({ value: o, label: labels ? labels[o] : o }))]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as T | '')}
    />
  );
}
