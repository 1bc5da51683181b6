import { Box, Checkbox, Group, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import {
  disabilityCategoryLabels,
  disabilityGradeLabels,
  educationLabels,
  healthLabels,
  laborLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
  type Relation,
} from '../../../../shared/domain/household';
import classes from './households.module.css';
import { derivedText, IdNumberInput } from './IdNumberInput';
import { optionsOf } from './labels';
import type { MemberDraft, MemberField } from './memberForm';

const choose = { value: '', label: '请选择' };
const relationOptions = optionsOf(relationLabels);
const educationOptions = [choose, ...optionsOf(educationLabels)];
const schoolingOptions = optionsOf(schoolingLabels);
const healthOptions = optionsOf(healthLabels);
const disabilityCategoryOptions = [choose, ...optionsOf(disabilityCategoryLabels)];
const disabilityGradeOptions = [choose, ...Object.entries(disabilityGradeLabels).map(([value, label]) => ({ value, label }))];
const laborOptions = [choose, ...optionsOf(laborLabels)];
const workStatusOptions = optionsOf(workStatusLabels);

export interface MemberFieldsProps {
  value: MemberDraft;
  onChange: (patch: Partial<MemberDraft>) => void;
  errors: Partial<Record<MemberField, ReactNode>>;
  /** `第1位成员 ` in the new-household grid: prefixed to every accessible name. */
  ariaPrefix?: string;
  today: string;
  excludeMemberId?: string;
  duplicateInForm?: string | null;
  /** Why 与户主关系 cannot be changed here (the head's relation changes only by 减员). */
  relationLockedReason?: string | null;
  /** Offer 户主 among the relations (not when the household already has one). */
  allowHead?: boolean;
  /** Columns of the layout: 6 on the wide new-household page, 2 in a drawer. */
  columns: number;
  nameRef?: Ref<HTMLInputElement>;
  /** Put the cursor in 姓名 when a dialog or drawer opens. */
  autoFocusName?: boolean;
}

/** Every field of one family member; sex and birth date are shown, read from the ID number. */
export function MemberFields(props: MemberFieldsProps) {
  const { value: m, onChange, errors, ariaPrefix, today, excludeMemberId, duplicateInForm, relationLockedReason, columns, nameRef, autoFocusName } = props;
  const allowHead = props.allowHead ?? true;
  const aria = (label: string) => (ariaPrefix ? `${ariaPrefix}${label}` : undefined);
  const derived = derivedText(m.idNumber, today);
  const relations = [choose, ...relationOptions.filter((o) => allowHead || o.value !== 'head' || m.relation === 'head')];
  const select = <K extends MemberField>(field: K) => ({
    value: String(m[field]),
    error: errors[field],
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => onChange({ [field]: e.currentTarget.value } as Partial<MemberDraft>),
  });

  return (
    <SimpleGrid cols={columns} spacing="sm" verticalSpacing="xs">
      <TextInput
        ref={nameRef}
        data-autofocus={autoFocusName || undefined}
        label="姓名"
        aria-label={aria('姓名')}
        required
        value={m.name}
        error={errors.name}
        autoComplete="off"
        onChange={(e) => onChange({ name: e.currentTarget.value })}
      />
      <Box style={{ gridColumn: columns >= 6 ? 'span 2' : undefined }}>
        <IdNumberInput
          label="身份证号"
          ariaLabel={aria('身份证号')}
          required
          value={m.idNumber}
          onChange={(idNumber) => onChange({ idNumber })}
          error={errors.idNumber}
          duplicateInForm={duplicateInForm}
          excludeMemberId={excludeMemberId}
          today={today}
        />
      </Box>
      <div>
        <Text size="sm" fw={500} mb={2} component="div">
          性别 · 出生日期
        </Text>
        <div className={classes.derived} aria-label={`${ariaPrefix ?? ''}性别和出生日期`} aria-live="polite">
          {derived ?? (
            <Text span size="xs" c="dimmed">
              由身份证号自动得出
            </Text>
          )}
        </div>
      </div>
      <NativeSelect
        label="与户主关系"
        aria-label={aria('与户主关系')}
        required
        data={relations}
        {...select('relation')}
        disabled={Boolean(relationLockedReason)}
        description={relationLockedReason ?? undefined}
        onChange={(e) => onChange({ relation: e.currentTarget.value as Relation | '' })}
      />
      <TextInput
        label="民族"
        aria-label={aria('民族')}
        value={m.ethnicity}
        error={errors.ethnicity}
        onChange={(e) => onChange({ ethnicity: e.currentTarget.value })}
      />
      <NativeSelect label="文化程度" aria-label={aria('文化程度')} required data={educationOptions} {...select('education')} />
      <NativeSelect label="在校状况" aria-label={aria('在校状况')} data={schoolingOptions} {...select('schooling')} />
      <NativeSelect label="健康状况" aria-label={aria('健康状况')} data={healthOptions} {...select('health')} />
      {m.health === 'disabled' && (
        <>
          <NativeSelect
            label="残疾类别"
            aria-label={aria('残疾类别')}
            required
            data={disabilityCategoryOptions}
            {...select('disabilityCategory')}
          />
          <NativeSelect
            label="残疾等级"
            aria-label={aria('残疾等级')}
            required
            data={disabilityGradeOptions}
            {...select('disabilityGrade')}
          />
        </>
      )}
      <NativeSelect label="劳动技能" aria-label={aria('劳动技能')} required data={laborOptions} {...select('labor')} />
      <NativeSelect label="务工状况" aria-label={aria('务工状况')} data={workStatusOptions} {...select('workStatus')} />
      <TextInput
        label="电话"
        aria-label={aria('电话')}
        value={m.phone}
        error={errors.phone}
        inputMode="tel"
        autoComplete="off"
        onChange={(e) => onChange({ phone: e.currentTarget.value })}
      />
      <Group gap="md" align="flex-end" pb={8} style={{ gridColumn: columns >= 6 ? 'span 2' : columns >= 2 ? 'span 2' : undefined }}>
        <Checkbox
          label="参加城乡居民医保"
          aria-label={aria('参加城乡居民医保')}
          checked={m.medicalInsurance}
          onChange={(e) => onChange({ medicalInsurance: e.currentTarget.checked })}
        />
        <Checkbox
          label="参加城乡居民养老保险"
          aria-label={aria('参加城乡居民养老保险')}
          checked={m.pensionInsurance}
          onChange={(e) => onChange({ pensionInsurance: e.currentTarget.checked })}
        />
      </Group>
    </SimpleGrid>
  );
}
