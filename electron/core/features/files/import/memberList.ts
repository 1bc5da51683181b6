import { cellText, cleanHeader, type CellValue } from '../../../../../shared/domain/importClean';

// Many village ledgers are one row per household with the members listed in one cell
// ("张三、李四、王五"). The household import is one row per person (each with an ID number and a
// relation to the head), so such a sheet cannot come in; read row by row it would give one error
// per household (an ID number that is not one, a name too long). Instead the sheet is recognised
// and the preview says once what it is and what to do.

/** Two or more names (2–6 Chinese characters, 少数民族 names with ·) separated by 、，,；;/ or spaces. */
const nameList = /^[\u4e00-\u9fff·]{2,6}(?:\s*[、，,；;／/\s]\s*[\u4e00-\u9fff·]{2,6})+$/u;

/** A header that may hold the members' names (not the 帮扶责任人's, where two names in one cell are normal). */
const nameHeader = /姓名|成员|人员|家庭人口/u;
const otherPeople = /帮扶|责任|走访|联系|户主/u;

/** A sheet is taken for this layout when this share of its rows (with a value in the column) list several names. */
const minShare = 0.3;

export function isNameList(text: string): boolean {
  return nameList.test(text.trim());
}

interface Candidate {
  index: number;
  header: string;
  filled: number;
  lists: number;
  example: { line: number; text: string } | null;
}

export class MemberListDetector {
  private readonly candidates: Candidate[];

  constructor(headers: readonly { index: number; header: string }[]) {
    this.candidates = headers
      .filter((h) => nameHeader.test(cleanHeader(h.header)) && !otherPeople.test(cleanHeader(h.header)))
      .map((h) => ({ index: h.index, header: h.header, filled: 0, lists: 0, example: null }));
  }

  add(line: number, cells: readonly CellValue[]): void {
    for (const c of this.candidates) {
      const text = cellText(cells[c.index - 1] ?? null);
      if (text === '') continue;
      c.filled += 1;
      if (isNameList(text)) {
        c.lists += 1;
        c.example ??= { line, text };
      }
    }
  }

  /** The Chinese explanation when the sheet lists members in one cell, else null. */
  problem(): string | null {
    const found = this.candidates.find((c) => c.example !== null && c.lists >= Math.max(1, Math.ceil(c.filled * minShare)));
    if (!found || !found.example) return null;
    const example = found.example.text.length > 20 ? `${found.example.text.slice(0, 20)}…` : found.example.text;
    return (
      `这张表是一行一户，家庭成员写在同一格里（“${found.header}”列，共 ${found.lists} 行，如第 ${found.example.line} 行“${example}”），` +
      '程序无法从中分出每个人的证件号码和与户主关系，因此没有逐行报错，也不能导入。' +
      '请把表改成一行一人（每人一行，写明户编号、行政村、村民小组、姓名、证件号码、与户主关系、文化程度、劳动技能等），' +
      '或直接导入国家防返贫监测系统导出的一行一人名单'
    );
  }
}
