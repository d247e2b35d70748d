// The demo data of DOMAIN.md: five invented shops on the five platforms, their staff, SKUs and buyer questions.
// All of it is invented and labelled as demo wherever it shows.
import type { DemoSeed } from '../../core/ports.ts';

export const DEMO_PASSWORD = 'demo1234';

const CS = ['inbox.view', 'inbox.reply', 'orders.view', 'shipping.view'];
const CS_SUPERVISOR = ['inbox', 'orders.view', 'shipping.view', 'roster', 'reports', 'audit.view'];
const WAREHOUSE = ['stock', 'shipping', 'orders.view'];

export const DEMO_SEED: DemoSeed = {
  password: DEMO_PASSWORD,
  shops: [
    {
      id: 'tmall-mianyu',
      platform: 'tmall',
      name: '棉语家居旗舰店',
      mainAccount: '棉语家居旗舰店',
      sellerLevel: 'tmall',
      colour: '#c41d48',
    },
    {
      id: 'taobao-xiaolu',
      platform: 'taobao',
      name: '小鹿森林女装',
      mainAccount: 'xiaolu_senlin',
      sellerLevel: 'crown',
      colour: '#ad4e00',
    },
    {
      id: 'jd-mianyu',
      platform: 'jd',
      name: '棉语家居京东专营店',
      mainAccount: '棉语家居京东专营店',
      sellerLevel: 'diamond',
      colour: '#1d39c4',
    },
    {
      id: 'pdd-mianyu',
      platform: 'pinduoduo',
      name: '棉语家纺工厂店',
      mainAccount: '棉语家纺工厂店',
      sellerLevel: 'diamond',
      colour: '#237804',
    },
    {
      id: 'douyin-xiaolu',
      platform: 'douyin',
      name: '小鹿森林官方旗舰店',
      mainAccount: '小鹿森林官方旗舰店',
      sellerLevel: 'diamond',
      colour: '#531dab',
    },
  ],
  departments: [
    { name: '客服部', supervisorLogin: 'amy' },
    { name: '仓储部', supervisorLogin: null },
  ],
  people: [
    { login: 'owner', displayName: '店主', roleLabel: '店主', kind: 'owner', grants: ['*'], subAccounts: [] },
    {
      login: 'xiaolin',
      displayName: '小林',
      roleLabel: '售前客服',
      kind: 'staff',
      grants: CS,
      subAccounts: [
        { shopId: 'tmall-mianyu', name: '小林' },
        { shopId: 'jd-mianyu', name: '小林' },
        { shopId: 'pdd-mianyu', name: '小林' },
      ],
      department: '客服部',
      phone: '138 0000 0001',
      routing: { optIn: true, capacity: 6, weight: 300, groups: ['presale'] },
    },
    {
      login: 'ajie',
      displayName: '阿杰',
      roleLabel: '售后客服',
      kind: 'staff',
      grants: CS,
      subAccounts: [{ shopId: 'tmall-mianyu', name: '阿杰' }],
      department: '客服部',
      phone: '138 0000 0002',
      routing: { optIn: true, capacity: 5, weight: 300, groups: ['aftersale'] },
    },
    {
      login: 'laowang',
      displayName: '仓管老王',
      roleLabel: '库管',
      kind: 'staff',
      grants: WAREHOUSE,
      subAccounts: [{ shopId: 'tmall-mianyu', name: '仓管老王' }],
      department: '仓储部',
      phone: '138 0000 0003',
    },
    {
      login: 'tangtang',
      displayName: '糖糖',
      roleLabel: '客服',
      kind: 'staff',
      grants: CS,
      subAccounts: [
        { shopId: 'taobao-xiaolu', name: '糖糖' },
        { shopId: 'douyin-xiaolu', name: '糖糖' },
      ],
      department: '客服部',
      phone: '138 0000 0004',
      supervisorLogin: 'amy',
    },
    {
      login: 'amy',
      displayName: '主管Amy',
      roleLabel: '客服主管',
      kind: 'staff',
      grants: CS_SUPERVISOR,
      subAccounts: [
        { shopId: 'taobao-xiaolu', name: '主管Amy' },
        { shopId: 'douyin-xiaolu', name: '主管Amy' },
      ],
      department: '客服部',
      phone: '138 0000 0005',
      // A supervisor serves buyers when asked (transfers, take-overs) but is not in the general queue.
      routing: { optIn: false, capacity: 8, weight: 200, groups: ['presale', 'aftersale'] },
    },
  ],
  // The catalogue the demo's orders sell from, listed in every demo shop.
  get skus() {
    return DEMO_SKUS.map(({ sku, title, priceFen }) => ({ code: sku, title, priceFen }));
  },
};

export const DEMO_SKUS = [
  { sku: 'MY-TS-2301-WHT-M', title: '纯棉短袖T恤 白 M', priceFen: 5900 },
  { sku: 'MY-TS-2301-BLK-XL', title: '纯棉短袖T恤 黑 XL', priceFen: 5900 },
  { sku: 'XL-DR-2405-BEI-S', title: '法式碎花连衣裙 米白 S', priceFen: 16900 },
  { sku: 'MY-BS-4PC-GRY-1.8M', title: '四件套 1.8m床 灰', priceFen: 29900 },
  { sku: 'MY-TW-7030-PNK', title: '毛巾 70×30 粉', priceFen: 1990 },
] as const;

export const DEMO_QUESTIONS = {
  preSale: [
    '我身高165体重55公斤，穿M还是L？',
    '这个面料是纯棉的吗？会起球吗？',
    '白色的透不透？',
    '有没有优惠券？两件能便宜点吗？',
    '床是1.8米的，选哪个规格？',
  ],
  shipping: [
    '今天下单什么时候发货？',
    '能发顺丰吗？要补运费吗？',
    '都三天了怎么还没发货？',
    '物流两天没更新了，帮我查一下',
    '还没发货的话能帮我改一下地址吗？',
  ],
  afterSale: [
    '尺码偏小想换大一码，怎么操作？',
    '衣服收到有污渍，能退吗？',
    '颜色和图片差别太大（色差），想退货',
    '退货寄回了，退款什么时候到账？',
    '支持七天无理由吗，运费谁出？',
  ],
} as const;

export const BUYER_NICK_PARTS = {
  first: ['小', '阿', '大', '胖', '甜', '懒', '乖', '酷'],
  second: ['鱼', '猫', '桃子', '橙子', '兔兔', '星星', '豆豆', '面包', '柚子', '熊'],
} as const;
