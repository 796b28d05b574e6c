/** The six kinds of case the one-stop centre takes: its five functions and dispute mediation. */
export const caseTypes = [
  'legal_aid',
  'petition',
  'living_aid',
  'mutual_insurance',
  'employment',
  'mediation',
] as const;
export type CaseType = (typeof caseTypes)[number];
export const caseTypeLabels: Record<CaseType, string> = {
  legal_aid: '法律援助',
  petition: '信访接待',
  living_aid: '生活救助',
  mutual_insurance: '互助保险',
  employment: '职业介绍和培训',
  mediation: '劳资纠纷调处',
};
/** The type's part of a case number, e.g. 2011-董浜-调解-0007. */
export const caseTypeShort: Record<CaseType, string> = {
  legal_aid: '法援',
  petition: '信访',
  living_aid: '救助',
  mutual_insurance: '互助',
  employment: '就业',
  mediation: '调解',
};
