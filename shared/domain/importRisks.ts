// The risk types of an import (DOMAIN §15): the national system's codes (01 因病 …) and the words
// offices write for them. importFields.ts re-exports them.

import { cleanCode } from './importClean';
import type { RiskType } from './monitoring';

/**
 * Risk codes and labels seen in national files (DOMAIN §15; not an official table): 01 因病,
 * 0201–0206/0299 因自然灾害, 03 因残, 04 因缺劳动力, 05 因意外事故, 06 因产业失败, 07 因务工就业不稳,
 * 09 因学, 99 其他; and the older 致贫原因 words (因灾, 缺劳力, 缺技术 …).
 */
const riskCodes: Readonly<Record<string, RiskType>> = {
  '01': 'illness',
  '02': 'disaster',
  '0201': 'disaster',
  '0202': 'disaster',
  '0203': 'disaster',
  '0204': 'disaster',
  '0205': 'disaster',
  '0206': 'disaster',
  '0299': 'disaster',
  '03': 'disability',
  '04': 'lackOfLabor',
  '05': 'accident',
  '06': 'businessFailure',
  '07': 'unstableJob',
  '09': 'schooling',
  '99': 'other',
};
const riskWords: readonly [RegExp, RiskType][] = [
  [/^因?病|^因大病|^疾病/, 'illness'],
  [/^因?残|^残疾/, 'disability'],
  [/^因?学|^上学/, 'schooling'],
  [/灾|洪涝|地质|干旱|旱灾|生物|气象|地震|冰雹|台风/, 'disaster'],
  [/意外|事故/, 'accident'],
  [/产业|经营失败/, 'businessFailure'],
  [/务工|就业/, 'unstableJob'],
  [/缺劳|劳动力/, 'lackOfLabor'],
  [/住房|危房/, 'housing'],
  [/饮水|缺水/, 'drinkingWater'],
  [/^其他|^其它|缺技术|缺资金|缺土地|交通|动力不足/, 'other'],
];

/** One risk in a cell ("01", "01因病", "因病", "0202 因地质灾害"); null when not recognised. */
export function mapRisk(text: string): RiskType | null {
  const s = cleanCode(text);
  if (s === '') return null;
  const code = /^(\d{2,4})/.exec(s)?.[1];
  if (code) {
    const byCode = riskCodes[code] ?? riskCodes[code.slice(0, 2)];
    if (byCode) return byCode;
  }
  const word = s.replace(/^\d+[.、:：-]?/, '');
  for (const [pattern, risk] of riskWords) if (pattern.test(word)) return risk;
  return null;
}

/** A cell with one or more risks separated by 、 , ; / or spaces. */
export function mapRisks(text: string): { risks: RiskType[]; unknown: string[] } {
  const risks: RiskType[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[、,，;；/|\s]+/)) {
    if (part.trim() === '') continue;
    const r = mapRisk(part);
    if (r === null) unknown.push(part.trim());
    else if (!risks.includes(r)) risks.push(r);
  }
  return { risks, unknown };
}
