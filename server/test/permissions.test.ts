import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  composeResidentId,
  type Employer,
  type ImportMode,
  type ImportStatus,
  type Member,
  type OrgUnit,
  type User,
} from '@gonghui/contracts';
import { nextResidentId, taicangMemberRecords } from './members-fixtures.ts';
import { buildTestApp, login, unitIdByCode, type Client, type TestApp } from './app.ts';
import { jobHandlers } from '../src/jobs.ts';
import { JobRunner } from '../src/platform/jobs/job.runner.ts';
import { sheetColumns } from '../src/modules/employers/import/employer.sheet.ts';
import { buildAttachment } from './factories.ts';

let t: TestApp;
let changshu: Client;
let taicang: Client;

beforeAll(async () => {
  t = await buildTestApp();
  changshu = await login(t.app, 'changshu');
  taicang = await login(t.app, 'taicang');
});
afterAll(() => t.close());

async function uploadEmployers(
  client: Client,
  fileName: string,
  body: Buffer,
  mode: ImportMode = 'all_or_nothing',
) {
  const res = await client.request({
    method: 'POST',
    url: `/api/employer-imports?fileName=${fileName}&mode=${mode}`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportStatus;
}

describe('changshu cannot read or change anything of taicang, through every route', () => {
  let taicangUnit: number;
  let taicangTown: number;
  let taicangUser: number;
  let changshuTown: number;
  let taicangEmployer: number;
  let taicangFormationCampaign: number;
  let taicangMember: Member;
  let taicangTransfer: number;
  let taicangImport: number;
  let taicangEmployerImport: number;
  let taicangWorkerImport: number;
  let taicangArchiveImport: number;
  let taicangExport: number;
  let taicangTask: number;
  let taicangAgreement: number;
  let taicangAttachment: number;
  let taicangFair: number;
  let taicangFairEmployer: number;
  let taicangPosition: number;
  let taicangSeeker: number;
  let taicangCampaign: number;
  let taicangEvent: number;
  let taicangCourse: number;
  let taicangCase: { id: number; workerId: number };
  let taicangHandler: number;
  let taicangArchive: { id: number; memberId: number };
  let taicangPlan: number;
  let taicangEnrolment: number;
  let taicangClaim: number;

  beforeAll(async () => {
    taicangUnit = await unitIdByCode(t.handle, '320585');
    taicangTown = ((await taicang.get(`/api/orgs/${taicangUnit}/children`)).json() as OrgUnit[])[0].id;
    taicangUser = ((await taicang.get('/api/users')).json() as { items: User[] }).items[0].id;
    changshuTown = await unitIdByCode(t.handle, '320581107');
    taicangEmployer = ((await taicang.get('/api/employers?pageSize=1')).json() as { items: Employer[] })
      .items[0].id;
    const formationCampaign = await taicang.post('/api/formation-campaigns', {
      name: '太仓组建月',
      orgUnitId: taicangUnit,
      startedOn: '2011-05-01',
    });
    taicangFormationCampaign = (formationCampaign.json() as { id: number }).id;
    taicangTask = (
      (
        await taicang.post(`/api/formation-campaigns/${taicangFormationCampaign}/tasks`, {
          title: '走访企业',
        })
      ).json() as {
        id: number;
      }
    ).id;
    ({
      member: taicangMember,
      transferId: taicangTransfer,
      importId: taicangImport,
    } = await taicangMemberRecords(taicang));
    taicangEmployerImport = (await uploadEmployers(taicang, 'x.csv', Buffer.from('统一社会信用代码\n1\n')))
      .id;
    // A file that is not a workbook still leaves an import with its error report.
    taicangWorkerImport = (
      await taicang.request({
        method: 'POST',
        url: '/api/model-worker-imports?fileName=x.xlsx&mode=all_or_nothing',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('x'),
      })
    ).json().id;
    taicangExport = ((await taicang.post('/api/member-exports', {})).json() as { id: number }).id;
    await new JobRunner(t.handle.db, jobHandlers).drain();
    const townEmployer = (
      (await taicang.get(`/api/employers?orgUnitId=${taicangTown}&pageSize=1`)).json() as {
        items: Employer[];
      }
    ).items[0];
    const agreement = await taicang.post('/api/agreements', {
      kind: 'regional',
      wageSpecific: true,
      title: '太仓区域性工资专项集体合同',
      orgUnitId: taicangTown,
      signedOn: '2011-03-01',
      startsOn: '2011-04-01',
      endsOn: '2014-03-31',
      raiseBp: 500,
      employerIds: [townEmployer.id],
    });
    expect(agreement.statusCode, agreement.body).toBe(200);
    taicangAgreement = (agreement.json() as { id: number }).id;
    taicangAttachment = await buildAttachment(t.handle.db, taicangTown, {
      type: 'collective_agreement',
      id: taicangAgreement,
    });
    expect((await taicang.get(`/api/attachments/${taicangAttachment}`)).statusCode).toBe(200);
    const fair = await taicang.post('/api/employment/fairs', {
      title: '太仓家政服务专场招聘会',
      category: 'domestic',
      heldOn: '2020-03-01',
      venue: '太仓市职工服务中心',
      orgUnitId: taicangUnit,
    });
    expect(fair.statusCode, fair.body).toBe(200);
    taicangFair = (fair.json() as { id: number }).id;
    const withEmployer = await taicang.post(`/api/employment/fairs/${taicangFair}/employers`, {
      employerId: townEmployer.id,
    });
    taicangFairEmployer = (withEmployer.json() as { employers: Array<{ id: number }> }).employers[0].id;
    const position = await taicang.post('/api/employment/positions', {
      fairEmployerId: taicangFairEmployer,
      title: '家政服务员',
      jobCategory: 'domestic',
      openings: 2,
      payMinFen: 400000,
      payMaxFen: 500000,
    });
    taicangPosition = (position.json() as { id: number }).id;
    const campaign = await taicang.post('/api/campaigns', {
      theme: '太仓安全生产月',
      startsOn: '2020-06-01',
      endsOn: '2020-06-30',
      orgUnitId: taicangUnit,
    });
    expect(campaign.statusCode, campaign.body).toBe(200);
    taicangCampaign = (campaign.json() as { id: number }).id;
    const event = await taicang.post('/api/campaign-events', {
      campaignId: taicangCampaign,
      orgUnitId: taicangUnit,
      typeCode: 'lecture',
      title: '安全生产讲座',
      place: '太仓市职工服务中心',
      heldOn: '2020-06-10',
      participants: 40,
      outputs: [{ code: 'leaflets', count: 100 }],
    });
    expect(event.statusCode, event.body).toBe(200);
    taicangEvent = (event.json() as { id: number }).id;
    const seeker = await taicang.post('/api/employment/seekers', {
      name: '太仓求职者',
      residentId: composeResidentId('320585', '1980-02-02', 321),
      situation: 'laid_off',
      orgUnitId: taicangUnit,
      registeredVia: 'office',
      registeredOn: '2020-03-02',
    });
    expect(seeker.statusCode, seeker.body).toBe(200);
    taicangSeeker = (seeker.json() as { id: number }).id;
    const course = await taicang.post('/api/employment/courses', {
      title: '太仓家政服务员培训班',
      programme: 'domestic',
      free: true,
      startsOn: '2020-03-01',
      endsOn: '2099-03-01',
      sessions: 4,
      capacity: 10,
      venue: '太仓市职工学校',
      orgUnitId: taicangUnit,
    });
    taicangCourse = (course.json() as { id: number }).id;
    const handler = await taicang.post('/api/assistance/handlers', {
      name: '太仓律师',
      kind: 'lawyer',
      orgUnitId: taicangTown,
      organisation: '太仓律师事务所',
    });
    expect(handler.statusCode, handler.body).toBe(200);
    taicangHandler = (handler.json() as { id: number }).id;
    const intake = await taicang.post('/api/assistance/cases', {
      type: 'legal_aid',
      subject: '太仓职工求助',
      narrative: '太仓职工反映单位拖欠工资三个月。',
      worker: { name: '太仓职工', residentId: nextResidentId() },
      handlerId: taicangHandler,
    });
    expect(intake.statusCode, intake.body).toBe(200);
    taicangCase = intake.json() as { id: number; workerId: number };
    const line = await taicang.request({
      method: 'PUT',
      url: '/api/hardship/lines',
      payload: {
        orgUnitId: taicangUnit,
        year: Number(new Date().toISOString().slice(0, 4)),
        monthlyFen: 109500,
      },
    });
    expect(line.statusCode, line.body).toBe(200);
    const archive = await taicang.post('/api/hardship/archives', {
      orgUnitId: taicangTown,
      members: [
        {
          name: '太仓户主',
          relation: 'head',
          residentId: nextResidentId(),
          health: 'healthy',
          annualIncomeFen: 1_000_000,
        },
      ],
      unavoidableExpenseFen: 0,
      reviewDueOn: '2030-01-01',
    });
    expect(archive.statusCode, archive.body).toBe(200);
    const archiveId = (archive.json() as { id: number }).id;
    const archiveDetail = (await taicang.get(`/api/hardship/archives/${archiveId}`)).json() as {
      members: Array<{ id: number }>;
    };
    taicangArchive = { id: archiveId, memberId: archiveDetail.members[0].id };
    const archiveImport = await taicang.request({
      method: 'POST',
      url: '/api/hardship/archive-imports?fileName=a.xlsx&mode=valid_only',
      payload: Buffer.from('not a workbook'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(archiveImport.statusCode, archiveImport.body).toBe(200);
    taicangArchiveImport = (archiveImport.json() as { id: number }).id;
    const plan = await taicang.post('/api/insurance/plans', {
      name: '太仓职工互助保障',
      year: 2026,
      orgUnitId: taicangUnit,
      premiumFen: 5000,
      maxPayoutFen: 100000,
      benefits: '住院自付部分补助',
    });
    expect(plan.statusCode, plan.body).toBe(200);
    taicangPlan = (plan.json() as { id: number }).id;
    const enrol = await taicang.post(`/api/insurance/plans/${taicangPlan}/enrolments`, {
      memberIds: [taicangMember.id],
    });
    expect(enrol.statusCode, enrol.body).toBe(200);
    taicangEnrolment = (
      (await taicang.get(`/api/insurance/plans/${taicangPlan}/enrolments`)).json() as {
        items: Array<{ id: number }>;
      }
    ).items[0].id;
    const claim = await taicang.post('/api/insurance/claims', {
      enrolmentId: taicangEnrolment,
      amountFen: 1000,
      reason: '住院治疗自付费用',
    });
    expect(claim.statusCode, claim.body).toBe(200);
    taicangClaim = (claim.json() as { id: number }).id;
  });

  // The demo's model-worker records are 金阊区's (merged into 姑苏区): outside changshu as much as taicang's.
  const jinchang = { worker: 0, rule: 0, roll: 0, cycle: 0 };
  beforeAll(async () => {
    const first = async (table: string) =>
      (
        (await t.handle.db
          .selectFrom(table as never)
          .select('id' as never)
          .orderBy('id' as never)
          .executeTakeFirstOrThrow()) as { id: number }
      ).id;
    jinchang.worker = await first('model_worker');
    jinchang.rule = await first('subsidy_rule');
    jinchang.roll = await first('subsidy_roll');
    jinchang.cycle = await first('visit_cycle');
  });

  /** A request per route, aimed at taicang's records; a route missing here fails the test. */
  function attacks(): Record<string, { url: string; payload?: unknown }> {
    const date = '2020-01-01';
    return {
      'GET /api/orgs/:id': { url: `/api/orgs/${taicangTown}` },
      'GET /api/orgs/:id/children': { url: `/api/orgs/${taicangUnit}/children` },
      'GET /api/orgs/:id/ancestors': { url: `/api/orgs/${taicangTown}/ancestors` },
      'GET /api/orgs/:id/history': { url: `/api/orgs/${taicangTown}/history` },
      'POST /api/orgs': {
        url: '/api/orgs',
        payload: {
          parentId: taicangTown,
          name: '渗透测试工会',
          kind: 'federation',
          level: 'village',
          validFrom: date,
        },
      },
      'POST /api/orgs/merge': {
        url: '/api/orgs/merge',
        payload: { sourceIds: [taicangTown], target: { existingId: changshuTown }, date },
      },
      'POST /api/orgs/:id/rename': {
        url: `/api/orgs/${taicangTown}/rename`,
        payload: { name: '改名测试', date },
      },
      'POST /api/orgs/:id/move': {
        url: `/api/orgs/${taicangTown}/move`,
        payload: { newParentId: changshuTown, date },
      },
      'POST /api/orgs/:id/close': {
        url: `/api/orgs/${taicangTown}/close`,
        payload: { date, successorId: null },
      },
      'PATCH /api/users/:id': { url: `/api/users/${taicangUser}`, payload: { displayName: '被改名' } },
      'GET /api/employers/:id': { url: `/api/employers/${taicangEmployer}` },
      'PATCH /api/employers/:id': { url: `/api/employers/${taicangEmployer}`, payload: { employees: 1 } },
      'POST /api/employers/:id/union': {
        url: `/api/employers/${taicangEmployer}/union`,
        payload: { status: 'own', date },
      },
      'POST /api/employers/:id/party': {
        url: `/api/employers/${taicangEmployer}/party`,
        payload: { status: 'joint', date },
      },
      'POST /api/employers/:id/instructor': {
        url: `/api/employers/${taicangEmployer}/instructor`,
        payload: { name: '入侵', date },
      },
      'POST /api/employers/:id/close': { url: `/api/employers/${taicangEmployer}/close`, payload: { date } },
      'POST /api/employers': {
        url: '/api/employers',
        payload: {
          creditCode: '91350100M000100Y43',
          name: '渗透测试公司',
          unitCategory: '170',
          industryCode: '13',
          employees: 30,
          aboveScale: false,
          orgUnitId: taicangTown,
          registeredOn: date,
        },
      },
      'GET /api/indicators': { url: `/api/indicators?unitId=${taicangUnit}` },
      'GET /api/indicators/export': { url: `/api/indicators/export?unitId=${taicangUnit}` },
      'GET /api/indicators/trend': {
        url: `/api/indicators/trend?unitId=${taicangUnit}&from=2010-01-01&to=2011-01-01`,
      },
      'GET /api/indicators/employers': {
        url: `/api/indicators/employers?unitId=${taicangUnit}&indicator=union_formation&part=numerator`,
      },
      'GET /api/indicators/left-out': {
        url: `/api/indicators/left-out?unitId=${taicangUnit}&indicator=union_formation`,
      },
      'GET /api/targets': { url: `/api/targets?unitId=${taicangUnit}&year=2011` },
      'PUT /api/targets': {
        url: '/api/targets',
        payload: { orgUnitId: taicangUnit, indicator: 'union_formation', year: 2011, target: 1 },
      },
      'GET /api/formation-campaigns/:id': { url: `/api/formation-campaigns/${taicangFormationCampaign}` },
      'POST /api/formation-campaigns/:id/tasks': {
        url: `/api/formation-campaigns/${taicangFormationCampaign}/tasks`,
        payload: { title: '越权添加的任务' },
      },
      'POST /api/formation-campaigns/:id/tasks/:taskId/done': {
        url: `/api/formation-campaigns/${taicangFormationCampaign}/tasks/${taicangTask}/done`,
        payload: {},
      },
      'POST /api/formation-campaigns/:id/employers': {
        url: `/api/formation-campaigns/${taicangFormationCampaign}/employers`,
        payload: { employerIds: [taicangEmployer] },
      },
      'GET /api/members/:id': { url: `/api/members/${taicangMember.id}` },
      'PATCH /api/members/:id': { url: `/api/members/${taicangMember.id}`, payload: { name: '被改名' } },
      'POST /api/members/:id/status': {
        url: `/api/members/${taicangMember.id}/status`,
        payload: { status: 'left', date, note: '越权退会' },
      },
      'POST /api/members/:id/reveal': {
        url: `/api/members/${taicangMember.id}/reveal`,
        payload: { field: 'residentId', reason: '越权查看' },
      },
      'POST /api/members': {
        url: '/api/members',
        payload: {
          name: '渗透（演示）',
          residentId: '11010519491231002X',
          orgUnitId: taicangTown,
          joinedOn: date,
        },
      },
      'POST /api/member-imports': {
        url: `/api/member-imports?orgUnitId=${taicangTown}&fileName=x.csv`,
        payload: {},
      },
      'GET /api/member-imports/:id': { url: `/api/member-imports/${taicangImport}` },
      'GET /api/member-imports/:id/report': { url: `/api/member-imports/${taicangImport}/report` },
      'GET /api/member-imports/:id/held': { url: `/api/member-imports/${taicangImport}/held` },
      'POST /api/member-imports/:id/name-changes': {
        url: `/api/member-imports/${taicangImport}/name-changes`,
        payload: { rowNos: [2] },
      },
      'POST /api/member-imports/:id/undo': { url: `/api/member-imports/${taicangImport}/undo`, payload: {} },
      'POST /api/member-imports/:id/transfers': {
        url: `/api/member-imports/${taicangImport}/transfers`,
        payload: { reason: '越权接转' },
      },
      'GET /api/employer-imports/:id': { url: `/api/employer-imports/${taicangEmployerImport}` },
      'POST /api/employer-imports/:id/undo': {
        url: `/api/employer-imports/${taicangEmployerImport}/undo`,
        payload: {},
      },
      'POST /api/member-exports': { url: '/api/member-exports', payload: { orgUnitId: taicangTown } },
      'GET /api/members/export': { url: `/api/members/export?orgUnitId=${taicangTown}` },
      'GET /api/member-exports/:id': { url: `/api/member-exports/${taicangExport}` },
      'GET /api/member-exports/:id/file': { url: `/api/member-exports/${taicangExport}/file` },
      'GET /api/exports/:id': { url: `/api/exports/${taicangExport}` },
      'GET /api/exports/:id/file': { url: `/api/exports/${taicangExport}/file` },
      'GET /api/attachments/:id': { url: `/api/attachments/${taicangAttachment}` },
      'GET /api/employer-imports/:id/report': {
        url: `/api/employer-imports/${taicangEmployerImport}/report`,
      },
      'GET /api/model-worker-imports/:id/report': {
        url: `/api/model-worker-imports/${taicangWorkerImport}/report`,
      },
      'GET /api/transfers/:id': { url: `/api/transfers/${taicangTransfer}` },
      'POST /api/transfers/:id/decide': {
        url: `/api/transfers/${taicangTransfer}/decide`,
        payload: { accept: true },
      },
      'POST /api/transfers/:id/cancel': { url: `/api/transfers/${taicangTransfer}/cancel`, payload: {} },
      'POST /api/transfers/decide': {
        url: '/api/transfers/decide',
        payload: { transferIds: [taicangTransfer], accept: true },
      },
      'POST /api/transfers': {
        url: '/api/transfers',
        payload: { memberId: taicangMember.id, toOrgUnitId: changshuTown, reason: '越权接转' },
      },
      'POST /api/transfers/bulk': {
        url: '/api/transfers/bulk',
        payload: { fromOrgUnitId: taicangTown, toOrgUnitId: changshuTown, reason: '越权批量接转' },
      },
      'GET /api/agreements/:id': { url: `/api/agreements/${taicangAgreement}` },
      'PATCH /api/agreements/:id': {
        url: `/api/agreements/${taicangAgreement}`,
        payload: { title: '越权修改的集体合同' },
      },
      'POST /api/agreements/:id/employers': {
        url: `/api/agreements/${taicangAgreement}/employers`,
        payload: { employerIds: [taicangEmployer] },
      },
      'POST /api/agreements/:id/scans': {
        url: `/api/agreements/${taicangAgreement}/scans?fileName=${encodeURIComponent('合同.pdf')}`,
        payload: {},
      },
      'POST /api/agreements/:id/employers/remove': {
        url: `/api/agreements/${taicangAgreement}/employers/remove`,
        payload: { employerIds: [taicangEmployer] },
      },
      'POST /api/agreements': {
        url: '/api/agreements',
        payload: {
          kind: 'regional',
          wageSpecific: true,
          title: '渗透测试集体合同',
          orgUnitId: taicangTown,
          signedOn: date,
          startsOn: date,
          endsOn: '2020-12-31',
          employerIds: [taicangEmployer],
        },
      },
      'GET /api/employment/fairs/export': { url: `/api/employment/fairs/export?orgUnitId=${taicangUnit}` },
      'GET /api/employment/booths/export': { url: `/api/employment/booths/export?fairId=${taicangFair}` },
      'GET /api/employment/fairs/:id': { url: `/api/employment/fairs/${taicangFair}` },
      'PATCH /api/employment/fairs/:id': {
        url: `/api/employment/fairs/${taicangFair}`,
        payload: { venue: '越权地点' },
      },
      'POST /api/employment/fairs/:id/employers': {
        url: `/api/employment/fairs/${taicangFair}/employers`,
        payload: { creditCode: '91350100M000100Y43', name: '渗透测试公司' },
      },
      'POST /api/employment/fairs': {
        url: '/api/employment/fairs',
        payload: {
          title: '渗透测试招聘会',
          category: 'general',
          heldOn: date,
          venue: '别处',
          orgUnitId: taicangUnit,
        },
      },
      'POST /api/employment/positions': {
        url: '/api/employment/positions',
        payload: {
          fairEmployerId: taicangFairEmployer,
          title: '越权岗位',
          jobCategory: 'other',
          openings: 1,
          payMinFen: 0,
          payMaxFen: 1,
        },
      },
      'PATCH /api/employment/positions/:id': {
        url: `/api/employment/positions/${taicangPosition}`,
        payload: { openings: 99 },
      },
      'GET /api/employment/positions/:id/matches': {
        url: `/api/employment/positions/${taicangPosition}/matches`,
      },
      'GET /api/employment/seekers/export': {
        url: `/api/employment/seekers/export?orgUnitId=${taicangUnit}`,
      },
      'GET /api/employment/seekers/:id': { url: `/api/employment/seekers/${taicangSeeker}` },
      'PATCH /api/employment/seekers/:id': {
        url: `/api/employment/seekers/${taicangSeeker}`,
        payload: { wishes: '越权' },
      },
      'POST /api/employment/seekers': {
        url: '/api/employment/seekers',
        payload: {
          name: '渗透求职者',
          residentId: composeResidentId('320585', '1981-03-03', 322),
          situation: 'other',
          orgUnitId: taicangUnit,
          registeredVia: 'office',
          registeredOn: date,
        },
      },
      'POST /api/employment/seekers/:id/status': {
        url: `/api/employment/seekers/${taicangSeeker}/status`,
        payload: { status: 'withdrawn', reason: '越权退出' },
      },
      'POST /api/employment/seekers/:id/recommendations': {
        url: `/api/employment/seekers/${taicangSeeker}/recommendations`,
        payload: { positionId: taicangPosition, recommendedOn: date },
      },
      'POST /api/employment/seekers/:id/recommendation-results': {
        url: `/api/employment/seekers/${taicangSeeker}/recommendation-results`,
        payload: { recommendationId: 1, result: 'hired', resultOn: date },
      },
      'POST /api/employment/seekers/:id/placements': {
        url: `/api/employment/seekers/${taicangSeeker}/placements`,
        payload: { recommendationId: 1, placedOn: date, source: 'fair' },
      },
      'POST /api/employment/seekers/:id/placement-end': {
        url: `/api/employment/seekers/${taicangSeeker}/placement-end`,
        payload: { endedOn: date, reason: '越权离职' },
      },
      'POST /api/employment/seekers/:id/follow-up': {
        url: `/api/employment/seekers/${taicangSeeker}/follow-up`,
        payload: { followedUpOn: date, stillEmployed: true },
      },
      'GET /api/campaigns': { url: `/api/campaigns?orgUnitId=${taicangUnit}` },
      'GET /api/campaigns/export': { url: `/api/campaigns/export?orgUnitId=${taicangUnit}` },
      'GET /api/campaigns/:id': { url: `/api/campaigns/${taicangCampaign}` },
      'POST /api/campaigns': {
        url: '/api/campaigns',
        payload: { theme: '入侵活动', startsOn: '2020-06-01', endsOn: '2020-06-30', orgUnitId: taicangUnit },
      },
      'PATCH /api/campaigns/:id': { url: `/api/campaigns/${taicangCampaign}`, payload: { theme: '入侵' } },
      'GET /api/campaign-events': { url: `/api/campaign-events?orgUnitId=${taicangUnit}` },
      'GET /api/campaign-events/export': { url: `/api/campaign-events/export?orgUnitId=${taicangUnit}` },
      'GET /api/campaign-events/:id': { url: `/api/campaign-events/${taicangEvent}` },
      'POST /api/campaign-events': {
        url: '/api/campaign-events',
        payload: {
          campaignId: taicangCampaign,
          orgUnitId: changshuTown,
          typeCode: 'lecture',
          title: '入侵讲座',
          place: '常熟',
          heldOn: '2020-06-11',
          participants: 1,
        },
      },
      'PATCH /api/campaign-events/:id': {
        url: `/api/campaign-events/${taicangEvent}`,
        payload: { typeCode: 'lecture', title: '入侵', heldOn: '2020-06-10', place: '常熟', participants: 1 },
      },
      'GET /api/campaign-rollup': { url: `/api/campaign-rollup?campaignId=${taicangCampaign}` },
      'GET /api/campaign-rollup/export': { url: `/api/campaign-rollup/export?orgUnitId=${taicangUnit}` },
      'GET /api/employment/seekers/:id/cases': { url: `/api/employment/seekers/${taicangSeeker}/cases` },
      'POST /api/employment/seekers/:id/cases': {
        url: `/api/employment/seekers/${taicangSeeker}/cases`,
        payload: { caseId: 1 },
      },
      'GET /api/employment/seekers/:id/matches': { url: `/api/employment/seekers/${taicangSeeker}/matches` },
      'GET /api/employment/follow-ups/export': {
        url: `/api/employment/follow-ups/export?orgUnitId=${taicangUnit}`,
      },
      'GET /api/employment/figures': { url: `/api/employment/figures?orgUnitId=${taicangUnit}` },
      'GET /api/employment/courses/export': {
        url: `/api/employment/courses/export?orgUnitId=${taicangUnit}`,
      },
      'GET /api/employment/courses/:id': { url: `/api/employment/courses/${taicangCourse}` },
      'POST /api/employment/courses': {
        url: '/api/employment/courses',
        payload: {
          title: '渗透测试培训班',
          programme: 'skills',
          free: true,
          startsOn: date,
          endsOn: date,
          sessions: 1,
          capacity: 1,
          venue: '别处',
          orgUnitId: taicangUnit,
        },
      },
      'POST /api/employment/courses/:id/enrolments': {
        url: `/api/employment/courses/${taicangCourse}/enrolments`,
        payload: { seekerId: taicangSeeker },
      },
      'POST /api/employment/courses/:id/enrolments/withdraw': {
        url: `/api/employment/courses/${taicangCourse}/enrolments/withdraw`,
        payload: { enrolmentId: 1 },
      },
      'POST /api/employment/courses/:id/attendance': {
        url: `/api/employment/courses/${taicangCourse}/attendance`,
        payload: { session: 1, presentEnrolmentIds: [] },
      },
      'POST /api/employment/courses/:id/certificates': {
        url: `/api/employment/courses/${taicangCourse}/certificates`,
        payload: { enrolmentId: 1, level: 'junior', issuedOn: date },
      },
      'POST /api/employment/courses/:id/certificates/revoke': {
        url: `/api/employment/courses/${taicangCourse}/certificates/revoke`,
        payload: { enrolmentId: 1, reason: '越权撤销' },
      },
      'GET /api/public/certificates/:code': { url: '/api/public/certificates/ABCDEFGHJKLM' },
      'GET /api/assistance/cases/:id': { url: `/api/assistance/cases/${taicangCase.id}` },
      'POST /api/assistance/cases': {
        url: '/api/assistance/cases',
        payload: {
          type: 'petition',
          subject: '渗透测试求助',
          narrative: '借用太仓的单位登记求助案件。',
          worker: { name: '测试职工', residentId: nextResidentId() },
          employerId: taicangEmployer,
        },
      },
      'POST /api/assistance/cases/:id/reveal': {
        url: `/api/assistance/cases/${taicangCase.id}/reveal`,
        payload: { reason: '越权查看' },
      },
      'POST /api/assistance/cases/:id/status': {
        url: `/api/assistance/cases/${taicangCase.id}/status`,
        payload: { status: 'accepted' },
      },
      'POST /api/assistance/cases/:id/assign': {
        url: `/api/assistance/cases/${taicangCase.id}/assign`,
        payload: { handlerId: taicangHandler },
      },
      'POST /api/assistance/cases/:id/escalate': {
        url: `/api/assistance/cases/${taicangCase.id}/escalate`,
        payload: { reason: '越权上报' },
      },
      'POST /api/assistance/cases/:id/refer': {
        url: `/api/assistance/cases/${taicangCase.id}/refer`,
        payload: { orgUnitId: changshuTown, reason: '越权转交' },
      },
      'POST /api/assistance/cases/:id/pause': {
        url: `/api/assistance/cases/${taicangCase.id}/pause`,
        payload: { note: '越权暂停' },
      },
      'POST /api/assistance/cases/:id/resume': {
        url: `/api/assistance/cases/${taicangCase.id}/resume`,
        payload: { note: '越权恢复' },
      },
      'POST /api/assistance/cases/:id/extend': {
        url: `/api/assistance/cases/${taicangCase.id}/extend`,
        payload: { days: 5, reason: '越权延期', approvedBy: '入侵者', noticeOn: date },
      },
      'POST /api/assistance/cases/:id/aid': {
        url: `/api/assistance/cases/${taicangCase.id}/aid`,
        payload: { amountFen: 100 },
      },
      'POST /api/assistance/cases/:id/aid/approve': {
        url: `/api/assistance/cases/${taicangCase.id}/aid/approve`,
        payload: { note: '越权审批' },
      },
      'PUT /api/assistance/aid-thresholds': {
        url: '/api/assistance/aid-thresholds',
        payload: { orgUnitId: taicangUnit, thresholdFen: 1 },
      },
      'POST /api/assistance/cases/:id/notes': {
        url: `/api/assistance/cases/${taicangCase.id}/notes`,
        payload: { note: '越权备注' },
      },
      'POST /api/assistance/cases/:id/attachments': {
        url: `/api/assistance/cases/${taicangCase.id}/attachments?fileName=x.pdf`,
        payload: { file: '越权附件' },
      },
      'GET /api/assistance/cases/:id/attachments/:attachmentId': {
        url: `/api/assistance/cases/${taicangCase.id}/attachments/${taicangAttachment}`,
      },
      'GET /api/assistance/workers/:id/cases': {
        url: `/api/assistance/workers/${taicangCase.workerId}/cases`,
      },
      'POST /api/assistance/handlers': {
        url: '/api/assistance/handlers',
        payload: { name: '渗透律师', kind: 'lawyer', orgUnitId: taicangTown },
      },
      'POST /api/assistance/handlers/:id/reassign': {
        url: `/api/assistance/handlers/${taicangHandler}/reassign`,
        payload: { toHandlerId: taicangHandler, reason: '越权改派' },
      },
      'GET /api/assistance/handlers/:id': { url: `/api/assistance/handlers/${taicangHandler}` },
      'PUT /api/assistance/cases/:id/legal-aid': {
        url: `/api/assistance/cases/${taicangCase.id}/legal-aid`,
        payload: { lawyerId: taicangHandler, legalOutcome: 'won' },
      },
      'POST /api/assistance/cases/:id/mediation/parties': {
        url: `/api/assistance/cases/${taicangCase.id}/mediation/parties`,
        payload: { side: 'respondent', partyName: '渗透公司' },
      },
      'POST /api/assistance/cases/:id/mediation/sessions': {
        url: `/api/assistance/cases/${taicangCase.id}/mediation/sessions`,
        payload: { heldOn: date, place: '越权地点', note: '越权调解' },
      },
      'PUT /api/assistance/cases/:id/mediation/agreement': {
        url: `/api/assistance/cases/${taicangCase.id}/mediation/agreement`,
        payload: { terms: '越权拟定的调解协议内容。' },
      },
      'POST /api/assistance/cases/:id/mediation/agreement/sign': {
        url: `/api/assistance/cases/${taicangCase.id}/mediation/agreement/sign`,
        payload: { signer: 'applicant', signedOn: date },
      },
      'GET /api/hardship/archives/:id': { url: `/api/hardship/archives/${taicangArchive.id}` },
      'GET /api/hardship/archive-imports/:id': {
        url: `/api/hardship/archive-imports/${taicangArchiveImport}`,
      },
      'GET /api/hardship/archive-imports/:id/report': {
        url: `/api/hardship/archive-imports/${taicangArchiveImport}/report`,
      },
      'POST /api/hardship/archives': {
        url: '/api/hardship/archives',
        payload: {
          orgUnitId: taicangTown,
          members: [
            {
              name: '渗透户主',
              relation: 'head',
              residentId: nextResidentId(),
              health: 'healthy',
              annualIncomeFen: 0,
            },
          ],
          unavoidableExpenseFen: 0,
          reviewDueOn: date,
        },
      },
      'PATCH /api/hardship/archives/:id': {
        url: `/api/hardship/archives/${taicangArchive.id}`,
        payload: { unavoidableExpenseFen: 1 },
      },
      'PATCH /api/hardship/archives/:id/members/:memberId': {
        url: `/api/hardship/archives/${taicangArchive.id}/members/${taicangArchive.memberId}`,
        payload: { annualIncomeFen: 1 },
      },
      'POST /api/hardship/archives/:id/status': {
        url: `/api/hardship/archives/${taicangArchive.id}/status`,
        payload: { status: 'cancelled', reason: '越权注销' },
      },
      'POST /api/hardship/archives/:id/assistance': {
        url: `/api/hardship/archives/${taicangArchive.id}/assistance`,
        payload: { kind: 'money', amountFen: 100, fund: '越权帮扶', givenOn: date },
      },
      'POST /api/insurance/plans': {
        url: '/api/insurance/plans',
        payload: {
          name: '渗透互助保障',
          year: 2026,
          orgUnitId: taicangUnit,
          premiumFen: 100,
          maxPayoutFen: 1000,
          benefits: '渗透测试计划',
        },
      },
      'POST /api/insurance/plans/:id/enrolments': {
        url: `/api/insurance/plans/${taicangPlan}/enrolments`,
        payload: { memberIds: [taicangMember.id] },
      },
      'GET /api/insurance/plans/:id/enrolments': { url: `/api/insurance/plans/${taicangPlan}/enrolments` },
      'GET /api/insurance/plans/:id/enrolments/export': {
        url: `/api/insurance/plans/${taicangPlan}/enrolments/export`,
      },
      'POST /api/insurance/claims': {
        url: '/api/insurance/claims',
        payload: { enrolmentId: taicangEnrolment, amountFen: 100, reason: '越权申请理赔' },
      },
      'POST /api/insurance/claims/:id/decide': {
        url: `/api/insurance/claims/${taicangClaim}/decide`,
        payload: { approve: true, note: '越权审核' },
      },
      'POST /api/insurance/claims/:id/pay': {
        url: `/api/insurance/claims/${taicangClaim}/pay`,
        payload: { paidOn: date },
      },
      'PUT /api/hardship/lines': {
        url: '/api/hardship/lines',
        payload: { orgUnitId: taicangUnit, year: 2020, monthlyFen: 1 },
      },
      'GET /api/model-workers/:id': { url: `/api/model-workers/${jinchang.worker}` },
      'PATCH /api/model-workers/:id': {
        url: `/api/model-workers/${jinchang.worker}`,
        payload: { status: 'deceased' },
      },
      'POST /api/model-workers/:id/reveal': {
        url: `/api/model-workers/${jinchang.worker}/reveal`,
        payload: { field: 'residentId', reason: '渗透测试' },
      },
      'POST /api/model-workers': {
        url: '/api/model-workers',
        payload: {
          name: '渗透测试',
          residentId: '11010519700101001X',
          orgUnitId: taicangUnit,
          level: 'city',
          title: '渗透测试称号',
          awardedYear: 2010,
          status: 'retired',
        },
      },
      'GET /api/model-workers/subsidy-rules/:id': {
        url: `/api/model-workers/subsidy-rules/${jinchang.rule}`,
      },
      'POST /api/model-workers/subsidy-rules/:id/versions': {
        url: `/api/model-workers/subsidy-rules/${jinchang.rule}/versions`,
        payload: {
          level: 'city',
          condition: 'any',
          amountFen: 100,
          per: 'month',
          validFrom: date,
          reason: '渗透测试',
        },
      },
      'POST /api/model-workers/subsidy-rules': {
        url: '/api/model-workers/subsidy-rules',
        payload: {
          orgUnitId: taicangUnit,
          name: '渗透标准',
          level: 'city',
          condition: 'any',
          amountFen: 100,
          per: 'month',
          validFrom: date,
        },
      },
      'POST /api/model-workers/rolls': {
        url: '/api/model-workers/rolls',
        payload: { orgUnitId: taicangUnit, period: '2020', title: '渗透名册' },
      },
      'GET /api/model-workers/rolls/:id': { url: `/api/model-workers/rolls/${jinchang.roll}` },
      'GET /api/model-workers/rolls/:id/lines': { url: `/api/model-workers/rolls/${jinchang.roll}/lines` },
      'GET /api/model-workers/rolls/:id/lines/export': {
        url: `/api/model-workers/rolls/${jinchang.roll}/lines/export`,
      },
      'POST /api/model-workers/rolls/:id/refresh': {
        url: `/api/model-workers/rolls/${jinchang.roll}/refresh`,
      },
      'POST /api/model-workers/rolls/:id/approve': {
        url: `/api/model-workers/rolls/${jinchang.roll}/approve`,
      },
      'GET /api/model-workers/rolls/:id/bank-file': {
        url: `/api/model-workers/rolls/${jinchang.roll}/bank-file?reason=${encodeURIComponent('渗透测试')}`,
      },
      'POST /api/model-workers/rolls/:id/bank-return': {
        url: `/api/model-workers/rolls/${jinchang.roll}/bank-return?fileName=x.xlsx`,
        payload: { rows: [] },
      },
      'GET /api/model-workers/rolls/:id/sign-off': {
        url: `/api/model-workers/rolls/${jinchang.roll}/sign-off`,
      },
      'POST /api/model-workers/visit-cycles': {
        url: '/api/model-workers/visit-cycles',
        payload: {
          orgUnitId: taicangUnit,
          title: '渗透慰问',
          occasion: '春节',
          startsOn: date,
          endsOn: date,
          gift: '渗透',
        },
      },
      'GET /api/model-workers/visit-cycles/:id': { url: `/api/model-workers/visit-cycles/${jinchang.cycle}` },
      'GET /api/model-workers/visit-cycles/:id/visits': {
        url: `/api/model-workers/visit-cycles/${jinchang.cycle}/visits`,
      },
      'GET /api/model-workers/visit-cycles/:id/visits/export': {
        url: `/api/model-workers/visit-cycles/${jinchang.cycle}/visits/export`,
      },
      'PUT /api/model-workers/visit-cycles/:id/visits/:workerId': {
        url: `/api/model-workers/visit-cycles/${jinchang.cycle}/visits/${jinchang.worker}`,
        payload: { done: false },
      },
      'POST /api/formation-campaigns': {
        url: '/api/formation-campaigns',
        payload: { name: '渗透活动', orgUnitId: taicangUnit, startedOn: date },
      },
      'POST /api/users': {
        url: '/api/users',
        payload: {
          username: 'intruder',
          displayName: '入侵',
          role: 'admin',
          orgUnitId: taicangUnit,
          password: 'abc123456789',
        },
      },
    };
  }

  /** Routes with no record to aim at: lists, answered only within the caller's scope (checked below). */
  const scopedLists = new Set([
    'GET /api/health',
    // The import template, and an upload that places its rows only within the caller's scope (the
    // model-worker import test shows a row for another district refused naming nothing of it).
    'GET /api/model-worker-imports/template',
    'POST /api/model-worker-imports',
    'GET /api/meta',
    'GET /api/openapi.json',
    'POST /api/auth/login',
    'POST /api/auth/logout',
    'GET /api/auth/me',
    // One's own account: the caller's password and sign-ins, never another's.
    'POST /api/auth/password',
    'GET /api/auth/logins',
    'GET /api/workbench',
    // The campaigns' event types and outputs: one list for the whole city, changed by the city only.
    'GET /api/campaign-settings',
    'PUT /api/campaign-settings/event-types/:code',
    'PUT /api/campaign-settings/outputs/:code',
    // Lists only the links whose unit lies in the caller's scope (the platform test shows another
    // district's link answering an empty list).
    'GET /api/record-links',
    'GET /api/orgs/tree',
    'GET /api/orgs/roots',
    'GET /api/orgs/search',
    'GET /api/users',
    'GET /api/audit',
    'GET /api/audit/actions',
    'GET /api/audit/export',
    // The indicators' definitions are the same words everywhere, of no area.
    'GET /api/indicators/definitions',
    'GET /api/employers',
    'GET /api/employers/export',
    'GET /api/employers/check-code',
    'GET /api/employers/template',
    'POST /api/employer-imports',
    'GET /api/formation-campaigns',
    'GET /api/agreements',
    'GET /api/agreements/export',
    'GET /api/assistance/cases',
    'GET /api/assistance/cases/export',
    'GET /api/assistance/handlers',
    'GET /api/assistance/clock-rules',
    'GET /api/hardship/archives',
    'GET /api/hardship/archives/export',
    'GET /api/hardship/lines',
    // The archive import's template is the same everywhere; an upload's rows may touch only the caller's scope.
    'GET /api/hardship/archive-template',
    'POST /api/hardship/archive-imports',
    'GET /api/insurance/plans',
    'GET /api/insurance/claims',
    'GET /api/insurance/claims/export',
    'GET /api/assistance/handlers/export',
    // The centre's figures, counted in the caller's own territory.
    'GET /api/assistance/dashboard',
    // The clocks are city-wide settings, not a record of any area: a district is refused with 403.
    'PUT /api/assistance/clock-rules/:type',
    'GET /api/members',
    'GET /api/members/template',
    'GET /api/transfers',
    'GET /api/employment/fairs',
    'GET /api/employment/positions',
    'GET /api/employment/positions/export',
    'GET /api/employment/seekers',
    'GET /api/employment/follow-ups',
    'GET /api/employment/courses',
    'GET /api/employment/settings',
    // One setting of the installation, set by the city federation only (403 for anyone else).
    'PUT /api/employment/settings',
    'GET /api/model-workers',
    'GET /api/model-workers/export',
    'GET /api/model-workers/subsidy-rules',
    'GET /api/model-workers/rolls',
    'GET /api/model-workers/roll-totals',
    'GET /api/model-workers/visit-cycles',
    'GET /api/model-workers/visit-figures',
  ]);

  it('answers not found for each record route, exactly as for a missing record', async () => {
    const cases = attacks();
    for (const route of t.app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      if (scopedLists.has(key)) continue;
      const attack = cases[key];
      expect(attack, `no scope case for ${key}: add one`).toBeDefined();
      const res = await changshu.request({
        method: route.method as 'GET',
        url: attack.url,
        payload: attack.payload as object,
      });
      const missing = await changshu.request({
        method: route.method as 'GET',
        url: attack.url.replace(/\/\d+(\/|$)/, '/99999999$1'),
        payload: attack.payload as object,
      });
      expect([404, 400], `${key} answered ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      if (res.statusCode === 404) expect(res.json().error.code).toBe('NOT_FOUND');
      if (attack.url !== attack.url.replace(/\/\d+(\/|$)/, '/99999999$1')) {
        expect(missing.statusCode).toBe(res.statusCode);
        expect(missing.json().error.message).toBe(res.json().error.message);
      }
    }
  });

  it('changed nothing of taicang', async () => {
    const employer = (await taicang.get(`/api/employers/${taicangEmployer}`)).json() as Employer;
    expect(employer.employees).not.toBe(1);
    expect(employer.closedOn).toBeNull();
    expect(employer.instructorName).not.toBe('入侵');
    expect((await taicang.get('/api/employers?q=渗透测试公司')).json().total).toBe(0);
    const town = (await taicang.get(`/api/orgs/${taicangTown}`)).json() as OrgUnit;
    expect(town.name).not.toBe('改名测试');
    expect(town.parentId).toBe(taicangUnit);
    expect(town.closedOn).toBeNull();
    const users = (await taicang.get('/api/users')).json() as { items: User[] };
    expect(users.items.map((u) => u.displayName)).not.toContain('被改名');
    const children = (await taicang.get(`/api/orgs/${taicangTown}/children`)).json() as OrgUnit[];
    expect(children.map((c) => c.name)).not.toContain('渗透测试工会');
    const formationCampaign = (
      await taicang.get(`/api/formation-campaigns/${taicangFormationCampaign}`)
    ).json() as {
      targets: unknown[];
      tasks: Array<{ title: string; doneOn: string | null }>;
    };
    expect(formationCampaign.targets).toEqual([]);
    expect(formationCampaign.tasks.map((x) => [x.title, x.doneOn])).toEqual([['走访企业', null]]);
    const agreement = (await taicang.get(`/api/agreements/${taicangAgreement}`)).json() as {
      title: string;
      employerCount: number;
    };
    expect(agreement).toMatchObject({ title: '太仓区域性工资专项集体合同', employerCount: 1 });
    expect((await taicang.get(`/api/agreements?q=${encodeURIComponent('渗透测试')}`)).json().total).toBe(0);
  });

  it('imports employers only within its own subtree: rows aimed at taicang are refused one by one', async () => {
    const target = (await taicang.get(`/api/employers/${taicangEmployer}`)).json() as Employer;
    const town = (await taicang.get(`/api/orgs/${taicangTown}`)).json() as OrgUnit;
    const header = sheetColumns.map((c) => c.header).join(',');
    const base: Record<string, string> = {
      creditCode: '91350100M000100Y43',
      name: '渗透测试公司',
      unitCategory: '170',
      industryCode: '13',
      employees: '30',
      aboveScale: '否',
      registeredOn: '2011-01-01',
    };
    const cells = (over: Record<string, string>) =>
      sheetColumns.map((c) => ({ ...base, ...over })[c.key] ?? '').join(',');
    const file = [
      header,
      cells({ localityCode: town.divisionCode ?? '', localityName: town.name }),
      cells({ creditCode: target.creditCode, employees: '1', localityCode: '320581107' }),
    ].join('\n');
    const queued = await uploadEmployers(changshu, 'attack.csv', Buffer.from(file), 'valid_only');
    await new JobRunner(t.handle.db, jobHandlers).drain();
    const done = (await changshu.get(`/api/employer-imports/${queued.id}`)).json() as ImportStatus;
    expect(done.result).toMatchObject({ rows: 2, created: 0, updated: 0, invalid: 2 });
    expect(((await taicang.get(`/api/employers/${taicangEmployer}`)).json() as Employer).employees).toBe(
      target.employees,
    );
    expect((await taicang.get('/api/employers?q=渗透测试公司')).json().total).toBe(0);
  });

  it('lists employers and campaigns only within its own subtree', async () => {
    const list = (await changshu.get('/api/employers?pageSize=200')).json() as {
      items: Employer[];
      total: number;
    };
    expect(list.total).toBeGreaterThan(100);
    // Demo credit codes carry the county's division code, so each must be 常熟's.
    expect(list.items.every((e) => e.creditCode.slice(2, 8) === '320581')).toBe(true);
    expect((await changshu.get(`/api/employers?q=${encodeURIComponent('太仓')}`)).json().total).toBe(0);
    const formationCampaigns = (await changshu.get('/api/formation-campaigns')).json() as Array<{
      name: string;
    }>;
    expect(formationCampaigns.map((c) => c.name)).not.toContain('太仓组建月');
    const agreements = (await changshu.get('/api/agreements?pageSize=200')).json() as {
      items: Array<{ id: number }>;
    };
    expect(agreements.items.map((a) => a.id)).not.toContain(taicangAgreement);
    const exported = await changshu.get(`/api/agreements/export?q=${encodeURIComponent('太仓区域性')}`);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('集体合同')!.rowCount).toBe(1);
  });

  it('lists members and transfers only within its own subtree, and changed none of taicang', async () => {
    const members = (await changshu.get('/api/members?pageSize=200')).json() as {
      items: Member[];
      total: number;
    };
    expect(members.total).toBeGreaterThan(100);
    const own = (await changshu.get(`/api/orgs/${changshu.orgUnitId}`)).json() as OrgUnit;
    const unitPaths = new Map<number, string>();
    for (const m of members.items.slice(0, 20)) {
      if (!unitPaths.has(m.orgUnitId))
        unitPaths.set(m.orgUnitId, ((await changshu.get(`/api/orgs/${m.orgUnitId}`)).json() as OrgUnit).path);
      expect(unitPaths.get(m.orgUnitId)!.startsWith(own.path)).toBe(true);
    }
    expect(
      (await changshu.get(`/api/members?q=${taicangMember.residentIdMasked.slice(-4)}&pageSize=200`))
        .json()
        .items.map((m: Member) => m.id),
    ).not.toContain(taicangMember.id);
    for (const box of ['inbox', 'outbox']) {
      const transfers = (await changshu.get(`/api/transfers?box=${box}&pageSize=200`)).json() as {
        items: Array<{ id: number }>;
      };
      expect(transfers.items.map((x) => x.id)).not.toContain(taicangTransfer);
    }
    const after = (await taicang.get(`/api/members/${taicangMember.id}`)).json() as Member;
    expect(after).toMatchObject({
      name: taicangMember.name,
      status: 'active',
      orgUnitId: taicangMember.orgUnitId,
    });
    expect((await taicang.get(`/api/transfers/${taicangTransfer}`)).json().status).toBe('pending');
  });

  it('lists and searches only within its own subtree', async () => {
    const tree = (await changshu.get('/api/orgs/tree')).json() as { units: OrgUnit[] };
    const changshuPath = tree.units.find((u) => u.id === changshu.orgUnitId)!.path;
    expect(tree.units.every((u) => u.path.startsWith(changshuPath))).toBe(true);
    expect(tree.units.length).toBeGreaterThan(100);
    const search = (
      await changshu.get(`/api/orgs/search?q=${encodeURIComponent('太仓')}`)
    ).json() as OrgUnit[];
    expect(search).toEqual([]);
    const users = (await changshu.get('/api/users')).json() as { items: User[] };
    expect(users.items.map((u) => u.username).sort()).toEqual(['changshu', 'dongbang']);
    const audit = (await changshu.get('/api/audit?pageSize=200')).json() as {
      items: Array<{ username: string }>;
    };
    expect(audit.items.some((e) => e.username === 'taicang')).toBe(false);
    const roots = (await changshu.get('/api/orgs/roots')).json() as OrgUnit[];
    expect(roots.map((r) => r.name)).toEqual(['常熟市总工会']);
  });

  it('a town union sees its own subtree only, not its district', async () => {
    const dongbang = await login(t.app, 'dongbang');
    expect((await dongbang.get(`/api/orgs/${changshu.orgUnitId}`)).statusCode).toBe(404);
    const ancestors = (await dongbang.get(`/api/orgs/${dongbang.orgUnitId}/ancestors`)).json() as OrgUnit[];
    expect(ancestors).toEqual([]);
  });
});
