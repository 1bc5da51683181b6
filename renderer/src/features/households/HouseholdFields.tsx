import { Checkbox, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Village } from '../../../../shared/contract/settings';
import { householdKindLabels, type HouseholdKind } from '../../../../shared/domain/household';
import type { HouseholdDraft, HouseholdField } from './householdForm';
import { optionsOf } from './labels';

const kindOptions = [{ value: '', label: '请选择' }, ...optionsOf(householdKindLabels)];

export interface HouseholdFieldsProps {
  value: HouseholdDraft;
  onChange: (patch: Partial<HouseholdDraft>) => void;
  onBlurField?: (field: HouseholdField) => void;
  errors: Partial<Record<HouseholdField, ReactNode>>;
  villages: readonly Village[];
  columns: number;
}

/** 户编号, 村 and 组, 住址, phones, 户类型, the three flags and the helper. */
export function HouseholdFields({ value: h, onChange, onBlurField, errors, villages, columns }: HouseholdFieldsProps) {
  const village = villages.find((v) => v.id === h.villageId);
  const text = (field: 'householdCode' | 'address' | 'phone' | 'helperName' | 'helperPhone') => ({
    'data-field': field,
    value: h[field],
    error: errors[field],
    autoComplete: 'off',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ [field]: e.currentTarget.value }),
    onBlur: () => onBlurField?.(field),
  });
  const wide = columns >= 4 ? 'span 2' : undefined;

  return (
    <SimpleGrid cols={columns} spacing="sm" verticalSpacing="xs">
      <TextInput label="户编号" required placeholder="如 3504211010010001" {...text('householdCode')} />
      <NativeSelect
        label="村"
        required
        data-field="villageId"
        data={[{ value: '', label: villages.length ? '请选择' : '（请先在系统设置中添加村）' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
        value={h.villageId}
        error={errors.villageId}
        onChange={(e) => {
          const next = villages.find((v) => v.id === e.currentTarget.value);
          const only = next && next.groups.length === 1 ? next.groups[0]!.id : '';
          onChange({ villageId: e.currentTarget.value, groupId: only });
        }}
      />
      <NativeSelect
        label="组"
        required
        data-field="groupId"
        disabled={!village}
        data={[{ value: '', label: village ? '请选择' : '先选村' }, ...(village?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))]}
        value={h.groupId}
        error={errors.groupId}
        onChange={(e) => onChange({ groupId: e.currentTarget.value })}
      />
      <NativeSelect
        label="户类型"
        required
        data-field="kind"
        data={kindOptions}
        value={h.kind}
        error={errors.kind}
        onChange={(e) => onChange({ kind: e.currentTarget.value as HouseholdKind | '' })}
      />
      <TextInput label="住址" style={{ gridColumn: wide }} {...text('address')} />
      <TextInput label="联系电话" inputMode="tel" {...text('phone')} />
      <div />
      <TextInput label="帮扶责任人" {...text('helperName')} />
      <TextInput label="帮扶责任人电话" inputMode="tel" {...text('helperPhone')} />
      <Group gap="lg" align="flex-end" pb={8} style={{ gridColumn: wide }}>
        <Checkbox label="低保户" data-field="dibao" checked={h.dibao} error={errors.dibao} onChange={(e) => onChange({ dibao: e.currentTarget.checked })} />
        <Checkbox label="特困供养" data-field="tekun" checked={h.tekun} error={errors.tekun} onChange={(e) => onChange({ tekun: e.currentTarget.checked })} />
        <Checkbox
          label="易地扶贫搬迁"
          data-field="relocated"
          checked={h.relocated}
          error={errors.relocated}
          onChange={(e) => onChange({ relocated: e.currentTarget.checked })}
        />
      </Group>
    </SimpleGrid>
  );
}
