/** The demo accounts of DESIGN §6: they exist only in demo data. */
export const DEMO_PASSWORD = 'gonghui-demo';

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '市总工会管理员', divisionCode: '320500' },
  { username: 'changshu', displayName: '常熟市总工会管理员', divisionCode: '320581' },
  { username: 'dongbang', displayName: '董浜镇工会管理员', divisionCode: '320581107' },
  { username: 'taicang', displayName: '太仓市总工会管理员', divisionCode: '320585' },
  { username: 'wuzhong', displayName: '吴中区总工会管理员', divisionCode: '320506' },
] as const;
