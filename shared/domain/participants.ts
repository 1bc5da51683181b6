// A step's 参与人员: who took part and signs, each with the post they sign in (村委会主任 陈刚,
// 村民代表 李四). A person is kept as one text, "姓名（职务）" — how a Chinese form names a signer —
// so the stored list stays a list of texts and records made before posts were asked for (a bare
// name, or the free text a clerk typed) still read as they were. The signer of a form block is
// the name alone.

export interface Participant {
  /** 职务; '' when none was given. */
  role: string;
  name: string;
}

const WITH_ROLE = /^(.+?)（([^（）]+)）$/;

/** The stored text of one participant. */
export function participantText(p: Participant): string {
  const name = p.name.trim();
  const role = p.role.trim();
  return role === '' ? name : `${name}（${role}）`;
}

/** One stored participant read back; older entries are a name with no post. */
export function participantOf(text: string): Participant {
  const m = WITH_ROLE.exec(text.trim());
  if (!m) return { role: '', name: text.trim() };
  return { role: m[2]!.trim(), name: m[1]!.trim() };
}

/** The name who signs for a stored participant. */
export function participantName(text: string): string {
  return participantOf(text).name;
}

/** Why a participant typed on a form cannot be kept, or null. */
export function participantProblem(p: Participant): string | null {
  if (p.name.trim() === '') return p.role.trim() === '' ? null : `请填写${p.role.trim()}的姓名`;
  if (/[（）()]/.test(p.name) || /[（）()]/.test(p.role)) return '姓名和职务中不要加括号';
  if (/[、，,;；\s]/.test(p.name.trim())) return '一栏只填一人的姓名；多人请点“添加人员”逐人填写';
  return null;
}

/** Posts offered on the form; a clerk may type any other. */
export const commonPosts = [
  '村党组织书记',
  '村委会主任',
  '村监委会主任',
  '村两委委员',
  '村民代表',
  '驻村第一书记',
  '驻村工作队员',
  '帮扶责任人',
  '乡镇分管领导',
  '乡镇干部',
  '县乡村振兴部门',
] as const;
