/**
 * Word lists the seeded records draw from, so generated data looks like what the
 * platform returns (Chinese nicknames, real WeChat service categories, short reasons).
 */

export const NICKNAME_PREFIXES = [
  '星辰', '小鹿', '青柠', '晨曦', '悦享', '优选', '云端', '橙子', '蓝鲸', '麦田',
  '知行', '乐活', '拾光', '木棉', '暖阳', '极简', '慧眼', '微光', '山海', '鲜蜂',
  '熊猫', '花园', '书香', '百味', '一点', '掌上', '城市', '邻里', '好物', '同城',
] as const;

export const NICKNAME_SUFFIXES = [
  '商城', '助手', '工具箱', '生活馆', '学堂', '出行', '健康', '点餐', '云打印', '读书会',
  '课堂', '优惠券', '记账本', '智能家居', '快递查询', '预约挂号', '拼车', '宠物之家', '小店', '服务平台',
] as const;

/** Service categories as the platform names them (first / second level). */
export const CATEGORIES: ReadonlyArray<{ first: string; second: string }> = [
  { first: 'IT科技', second: '硬件与设备' },
  { first: 'IT科技', second: '软件服务提供商' },
  { first: '工具', second: '信息查询' },
  { first: '工具', second: '办公' },
  { first: '工具', second: '预约/报名' },
  { first: '教育', second: '在线教育' },
  { first: '教育', second: '教育信息服务' },
  { first: '生活服务', second: '家政服务' },
  { first: '生活服务', second: '宠物（非医院类）' },
  { first: '餐饮', second: '餐饮服务场所/餐饮服务管理企业' },
  { first: '旅游', second: '旅游服务' },
  { first: '商业服务', second: '会展服务' },
  { first: '快递业与邮政', second: '快递、物流' },
  { first: '交通服务', second: '代驾' },
  { first: '医疗服务', second: '挂号平台' },
  { first: '体育', second: '体育场馆服务' },
  { first: '商家自营', second: '服装/鞋/箱包' },
  { first: '商家自营', second: '食品' },
  { first: '金融业', second: '保险' },
  { first: '文娱', second: '资讯' },
];

export const APPLY_REASONS = [
  '需要使用贵方插件实现地图选点',
  '用于小程序内的在线客服功能',
  '接入直播组件展示商品',
  '接入电子发票开具能力',
  '用于会员积分查询',
  '接入在线预约能力',
  '需要使用该插件完成身份核验',
  '业务需要，申请使用',
  '提升用户下单体验',
  'need the chart component for reports',
] as const;

/** Half-screen apply_reason is at most 30 characters (docs/platform/half-screen.md, "The endpoints"). */
export const EMBEDDED_REASONS = [
  '半屏打开优惠券领取页面',
  '跳转完成支付流程',
  '展示商品详情',
  '打开会员卡',
  '用于活动报名',
  '查看物流信息',
  '半屏预约服务',
  'open the coupon page',
] as const;
