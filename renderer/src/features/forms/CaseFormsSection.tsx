// Stub: the case page's 表单与签字 section, replaced by the forms slice.
export function CaseFormsSection({ caseId }: { caseId: string }) {
  void caseId;
  return null;
}
