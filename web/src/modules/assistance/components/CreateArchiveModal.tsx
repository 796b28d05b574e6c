import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  healthStateLabels,
  healthStates,
  householdRelationLabels,
  householdRelations,
  parseResidentId,
  suddenCauseLabels,
  suddenCauses,
  type HardshipArchive,
  type HealthState,
  type HouseholdRelation,
  type SuddenCause,
} from '@gonghui/contracts';
import { FormModal } from '../../../shared/FormModal.tsx';
import { todayIso } from '../../../shared/format.ts';
import { useSession } from '../../auth/session.tsx';
import { OrgPicker } from '../../orgs/components/OrgPicker.tsx';
import { useCreateArchive } from '../api/archives.ts';

interface MemberValues {
  name: string;
  relation: HouseholdRelation;
  residentId: string;
  health: HealthState;
  incomeYuan: number;
  occupation?: string;
}
interface ArchiveValues {
  orgUnitId: number;
  members: MemberValues[];
  expenseYuan: number;
  suddenCause?: SuddenCause;
  suddenNote?: string;
  reviewDueOn: Dayjs;
}

const fen = (v: number | undefined) => Math.round((v ?? 0) * 100);

/** Opens a household's archive: its members with their incomes; the server computes the category. */
export function CreateArchiveModal({
  onClose,
  onDone,
}: {
  onClose(): void;
  onDone(a: HardshipArchive): void;
}) {
  const [form] = Form.useForm<ArchiveValues>();
  const me = useSession();
  const create = useCreateArchive();
  return (
    <FormModal<ArchiveValues>
      title="建立困难职工档案"
      open
      form={form}
      fields={['orgUnitId', 'members', 'expenseYuan', 'suddenCause', 'suddenNote', 'reviewDueOn']}
      aliases={{ unavoidableExpenseFen: 'expenseYuan' }}
      initialValues={{
        orgUnitId: me.user.orgUnit.id,
        members: [{ relation: 'head', health: 'healthy', incomeYuan: 0 } as MemberValues],
        expenseYuan: 0,
        reviewDueOn: dayjs().add(1, 'year'),
      }}
      okText="建档"
      width={860}
      testId="archive-create"
      onCancel={onClose}
      onSubmit={async (v) => {
        const created = await create.mutateAsync({
          orgUnitId: v.orgUnitId,
          members: v.members.map((m) => ({
            name: m.name,
            relation: m.relation,
            residentId: m.residentId,
            health: m.health,
            annualIncomeFen: fen(m.incomeYuan),
            occupation: m.occupation || null,
          })),
          unavoidableExpenseFen: fen(v.expenseYuan),
          suddenCause: v.suddenCause ?? null,
          suddenNote: v.suddenNote || null,
          reviewDueOn: v.reviewDueOn.format('YYYY-MM-DD'),
        });
        onDone(created);
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="orgUnitId"
            label="建档单位"
            rules={[{ required: true, message: '请选择建档单位' }]}
          >
            <OrgPicker asOf={todayIso()} known={[me.user.orgUnit]} testId="archive-create-unit" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="expenseYuan"
            label="年刚性支出（元）"
            rules={[{ required: true, message: '请填写刚性支出' }]}
          >
            <InputNumber
              min={0}
              precision={2}
              style={{ width: '100%' }}
              data-testid="archive-create-expense"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="reviewDueOn"
            label="下次复核"
            rules={[{ required: true, message: '请选择复核日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="members">
        {(items, { add, remove }) => (
          <>
            {items.map((item, i) => (
              <Row gutter={8} key={item.key} data-testid="archive-create-member">
                <Col span={4}>
                  <Form.Item
                    name={[item.name, 'name']}
                    label={i === 0 ? '姓名' : undefined}
                    rules={[
                      { required: true, message: '请填写姓名' },
                      { min: 2, message: '姓名至少 2 个字' },
                    ]}
                  >
                    <Input maxLength={30} data-testid={`archive-member-name-${i}`} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item
                    name={[item.name, 'relation']}
                    label={i === 0 ? '关系' : undefined}
                    rules={[{ required: true, message: '请选择' }]}
                  >
                    <Select
                      options={householdRelations.map((r) => ({
                        value: r,
                        label: householdRelationLabels[r],
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item
                    name={[item.name, 'residentId']}
                    label={i === 0 ? '身份证号' : undefined}
                    rules={[
                      { required: true, message: '请填写身份证号' },
                      {
                        validator: async (_r, value: string | undefined) => {
                          if (!value) return;
                          const r = parseResidentId(value);
                          if (!r.ok) throw new Error(r.message);
                        },
                      },
                    ]}
                  >
                    <Input maxLength={18} data-testid={`archive-member-id-${i}`} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item
                    name={[item.name, 'health']}
                    label={i === 0 ? '健康' : undefined}
                    rules={[{ required: true, message: '请选择' }]}
                  >
                    <Select options={healthStates.map((h) => ({ value: h, label: healthStateLabels[h] }))} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item
                    name={[item.name, 'incomeYuan']}
                    label={i === 0 ? '年收入（元）' : undefined}
                    rules={[{ required: true, message: '请填写' }]}
                  >
                    <InputNumber
                      min={0}
                      precision={2}
                      style={{ width: '100%' }}
                      data-testid={`archive-member-income-${i}`}
                    />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[item.name, 'occupation']} label={i === 0 ? '就学或就业' : undefined}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col span={1} style={{ paddingTop: i === 0 ? 34 : 6 }}>
                  {items.length > 1 ? <MinusCircleOutlined onClick={() => remove(item.name)} /> : null}
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ relation: 'spouse', health: 'healthy', incomeYuan: 0 })}
              style={{ marginBottom: 16 }}
              disabled={items.length >= 20}
              data-testid="archive-member-add"
            >
              添加家庭成员
            </Button>
          </>
        )}
      </Form.List>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="suddenCause" label="意外致困原因（如有）">
            <Select
              allowClear
              options={suddenCauses.map((c) => ({ value: c, label: suddenCauseLabels[c] }))}
              placeholder="无"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="suddenNote" label="致困情况说明">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
