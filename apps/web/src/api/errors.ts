/** The platform's error body: `{error: {code, message, fields?: [{field, message}]}}`. */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: { field: string; message: string }[] };
}

/** Chinese words for the codes a person can meet; anything else gets a plain generic sentence. */
const CODE_TEXT: Record<string, string> = {
  network: '网络连接失败，请检查网络后重试',
  'auth.invalid-credentials': '账号或密码不正确',
  'auth.too-many-attempts': '尝试次数太多，请稍后再试',
  'auth.refresh-token-reused': '登录已失效，请重新登录',
  'user.login-taken': '该账号名已被使用，请换一个',
  'user.id-number-registered': '该身份证号已登记，请直接登录',
  'user.no-id-number': '该用户没有登记身份证号',
  'enterprise.already-registered': '该单位已注册，请联系单位管理员',
  'organisation.already-registered': '该机构已注册，请联系机构管理员',
  'seeker-profile-missing': '请先完善求职登记',
  'seeker.not-found': '没有找到这位求职者',
  'application.post-filled': '该岗位已招满',
  'job-post.deadline-passed': '该岗位已过报名截止日期',
  'job-post.ended': '该岗位已结束招聘',
  'job-post.invalid-transition': '当前状态下不能进行此操作',
  'job-post.duplicate': '已有相同的岗位',
  'placement.already-ended': '该就业记录已结束',
  'placement.duplicate': '该就业记录已存在',
  'payment.not-approved': '只有已审核通过的申领才能发放',
  'payment.reference-used': '该发放批次号已使用',
  'import.file-too-large': '文件太大',
  'import.not-multipart': '请选择要上传的文件',
  'not-eligible': '不符合条件',
  'gig-full': '名额已满',
  'age-limit': '年龄超出这份零工的要求',
  'gig-not-open': '这份零工已停止接单',
  'own-gig': '不能对自己发布的零工进行此操作',
  'already-checked-in': '已经签到，如有问题请发起纠纷',
  'checked-in': '工人已签到，不能记为未到',
  'acceptance-not-active': '这次接单已结束',
  'acceptance-cancelled': '这位工人已被取消，不能再邀请',
  'no-show': '已记为未到',
  'not-done': '完工后才能评价',
  'wage-not-confirmed': '发布方还没有确认付工钱',
  'dispute-open': '同类纠纷正在处理中',
  'dispute-resolved': '该纠纷已处理完毕',
  'gig-not-cancellable': '当前状态下不能取消',
  'gig-not-pending': '这份零工不在待审核状态',
  'report-decided': '该举报已处理',
  'real-name-required': '个人发布零工需先实名登记（填写身份证号）',
  'poster-suspended': '因被举报查实，暂停发布零工，请联系县就业服务中心',
  'poster-not-verified': '账号未关联单位，不能发布',
  'not-signed-in': '请先登录',
  unauthorized: '登录已过期，请重新登录',
  forbidden: '没有权限进行此操作',
  'not-found': '没有找到相关内容',
  'too-many-requests': '操作太频繁，请稍后再试',
  'search-busy': '查询的人太多，请稍等几秒再试',
  'validation-failed': '请检查填写的内容',
  conflict: '内容已被他人修改，请刷新后重试',
};

const STATUS_TEXT: Record<number, string> = {
  400: '请检查填写的内容',
  401: '请先登录',
  403: '没有权限进行此操作',
  404: '没有找到相关内容',
  409: '与现有记录冲突，请刷新后重试',
  413: '文件太大',
  422: '不符合办理条件',
  429: '操作太频繁，请稍后再试',
  503: '系统繁忙，请稍等几秒再试',
};

export class ApiError extends Error {
  readonly code: string;
  readonly fields: { field: string; message: string }[];
  constructor(
    readonly status: number,
    body: ApiErrorBody | undefined,
  ) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.code = body?.error?.code ?? String(status);
    this.fields = body?.error?.fields ?? [];
  }

  /** What to show a person: Chinese, never a code. */
  get text(): string {
    return CODE_TEXT[this.code] ?? STATUS_TEXT[this.status] ?? '系统繁忙，请稍后再试';
  }
}

/** A field message of the API (class-validator's English) in plain Chinese. */
export function fieldText(message: string): string {
  // Some rules already speak Chinese (a place outside the county, a sheet cell): keep their words.
  const chinese = /[\u4e00-\u9fff]/.test(message) ? message.split(/\s*\/\s*(?=[A-Za-z])/)[0]!.trim() : '';
  if (chinese) return chinese;
  const m = message.toLowerCase();
  if (/required|should not be empty|must not be blank|is blank/.test(m)) return '此项必须填写';
  if (/shorter than|longer than|length/.test(m)) return '长度不符合要求';
  if (/resident id|id number|checksum/.test(m)) return '身份证号码不正确';
  if (/mobile|phone/.test(m)) return '手机号码不正确';
  if (/credit code/.test(m)) return '统一社会信用代码不正确';
  if (/date/.test(m)) return '日期不正确';
  if (/must not be greater|must not be less|greater than|less than|at most|at least|range/.test(m))
    return '数值超出允许范围';
  if (/control character|plain text/.test(m)) return '含有不允许的字符';
  if (/must be one of|must be a valid enum|allowed/.test(m)) return '请从选项中选择';
  if (/must be an integer|must be a number|must be a positive/.test(m)) return '请填写数字';
  if (/should not exist/.test(m)) return '不应填写此项';
  return '填写不正确';
}

export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.text : '系统繁忙，请稍后再试';
}
