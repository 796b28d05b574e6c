import {
  employerSizeLabels,
  employerSizes,
  industryDivisions,
  industrySections,
  unitCategories,
} from '@gonghui/contracts';

/** GB/T 4754 divisions grouped under their sections, for choosing an employer's industry. */
export const industryOptions = industrySections.map((section) => ({
  label: `${section.code} ${section.name}`,
  title: section.name,
  options: industryDivisions
    .filter((division) => division.section === section.code)
    .map((division) => ({ value: division.code, label: `${division.code} ${division.name}` })),
}));

/** Sections (门类) with their divisions (大类) below, either selectable, for filtering the list. */
export const industryTree = industrySections.map((section) => ({
  value: section.code,
  title: `${section.code} ${section.name}`,
  children: industryDivisions
    .filter((division) => division.section === section.code)
    .map((division) => ({ value: division.code, title: `${division.code} ${division.name}` })),
}));

export const unitCategoryOptions = unitCategories.map((category) => ({
  value: category.code,
  label: `${category.code} ${category.name}${category.nonPublic ? '（非公）' : ''}`,
}));

export const sizeOptions = employerSizes.map((value) => ({ value, label: employerSizeLabels[value] }));
