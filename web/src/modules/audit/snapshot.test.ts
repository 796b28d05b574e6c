import { describe, expect, test } from 'vitest';
import { diffRows, flattenSnapshot, hasSharedKeys } from './snapshot.ts';

describe('audit snapshots', () => {
  test('nested arrays get numbered, readable labels and enum values their Chinese names', () => {
    const fields = flattenSnapshot({ sources: [{ name: '平江区总工会', level: 'county', path: '/1/11/' }] });
    expect(fields).toEqual([
      { key: 'sources.0.name', label: '被合并组织 1 › 名称', value: '平江区总工会' },
      { key: 'sources.0.level', label: '被合并组织 1 › 层级', value: '区县级' },
    ]);
  });

  test('a rename marks only the name as changed', () => {
    const rows = diffRows(
      { name: '旧名', validFrom: '2001-01-01' },
      { name: '新名', validFrom: '2001-01-01' },
    );
    expect(rows.filter((row) => row.changed).map((row) => row.key)).toEqual(['name']);
  });

  test('a merge has no shared fields, so it is shown as two snapshots', () => {
    expect(hasSharedKeys({ sources: [] }, { target: {}, date: '2012-10-26' })).toBe(false);
    expect(hasSharedKeys({ name: 'a' }, { name: 'b' })).toBe(true);
    expect(hasSharedKeys(null, { name: 'b' })).toBe(false);
  });

  test('booleans read 是/否 and null reads as nothing', () => {
    expect(flattenSnapshot({ active: false, lockedUntil: null })).toEqual([
      { key: 'active', label: '启用', value: '否' },
      { key: 'lockedUntil', label: '锁定至', value: null },
    ]);
  });

  test("a module's fields and coded values read in Chinese, by the kind of record the entry is about", () => {
    expect(
      flattenSnapshot({ creditCode: '91320581MA1X', unionStatus: 'own', blank: ['address'] }, 'employer'),
    ).toEqual([
      { key: 'creditCode', label: '统一社会信用代码', value: '91320581MA1X' },
      { key: 'unionStatus', label: '建会状态', value: '单独建会' },
      { key: 'blank.0', label: '留空未改的字段 1', value: '地址' },
    ]);
    // The same field name means another thing for another kind of record.
    expect(flattenSnapshot({ kind: 'enterprise' }, 'collective_agreement')).toEqual([
      { key: 'kind', label: '合同类型', value: '企业集体合同' },
    ]);
    expect(flattenSnapshot({ kind: 'joint_union' }, 'org_unit')[0].label).toBe('组织类型');
    expect(flattenSnapshot({ name: '张三', status: 'left' }, 'member')).toEqual([
      { key: 'name', label: '姓名', value: '张三' },
      { key: 'status', label: '状态', value: '已退会' },
    ]);
  });

  test("an export's filters and size are named, whichever module's list they come from", () => {
    const fields = flattenSnapshot(
      {
        filters: { kind: 'regional', q: '董浜', migrantWorker: true, sort: 'startsOn' },
        rows: 12,
        fileName: '集体合同.xlsx',
      },
      'export_file',
    );
    expect(fields).toEqual([
      { key: 'filters.kind', label: '筛选条件 › 类型', value: '区域性集体合同' },
      { key: 'filters.q', label: '筛选条件 › 关键词', value: '董浜' },
      { key: 'filters.migrantWorker', label: '筛选条件 › 农民工', value: '是' },
      { key: 'filters.sort', label: '筛选条件 › 排序字段', value: '生效日期' },
      { key: 'rows', label: '行数', value: '12' },
      { key: 'fileName', label: '文件名', value: '集体合同.xlsx' },
    ]);
  });
});
