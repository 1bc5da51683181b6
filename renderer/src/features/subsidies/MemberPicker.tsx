import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQuery } from '../../api/queries';

/**
 * Finds a current member by name, pinyin initials or the last digits of the ID number (the one
 * search box's channel) and gives back the member id.
 */
export function MemberPicker({ value, onChange, error, label = '人员' }: { value: string | null; onChange: (id: string | null) => void; error?: string | undefined; label?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({ ...apiQuery('search.query', { q: q.trim() }), enabled: q.trim().length > 0 });
  const options = (found.data?.members ?? []).filter((m) => m.current).map((m) => ({ value: m.id, label: `${m.name}（${m.villageName}，户编号 ${m.householdCode}，${m.idNumberMasked}）` }));
  return (
    <Select
      label={label}
      placeholder="输入姓名、拼音首字母或身份证号后几位查找"
      searchable
      withAsterisk
      data={options}
      value={value}
      onChange={onChange}
      searchValue={q}
      onSearchChange={setQ}
      filter={({ options: all }) => all}
      nothingFoundMessage={q.trim() ? '没有找到在册人员' : '请输入查找内容'}
      error={error}
      data-autofocus
    />
  );
}
