"""Precision and recall of the metadata-driven and step rules, sentence by sentence.

ANS001 (ring time), ANS002 (apology after queueing), OPN005 (time-of-day greeting against the
local start time), OPN006 (holiday wishes on China's statutory holidays, adjusted working
days included), CMP002 (the six complaint steps), TAB006 (jargon per business line), SOL001
(procedures step by step), SOL003 (wrong answer corrected by a callback), CLS004 (agent hangs
up first) and ABU002 (transfer announced), on short realistic calls with their ``meta:``
(started_at with zone, ring_seconds, queue_seconds, hangup_by, business_line, direction).
A case a QA specialist calls fine must not raise its rules; a bad one must (with the
severity, where given). Each call is scored with one full ``Engine()``.

The second half checks the commitment deadlines the analyzer normalises ("两小时内",
"明天下午", "2个工作日内", "下周一之前", "月底前", "节后第一个工作日") around National Day and
the Spring Festival, near midnight, and for calls started in another time zone.

Before the fixes: 4 of 87 calls wrong (TAB006 "冲正就是把…" and a "Telecom" business line;
CLS004 "再见" + 0.5 s taken as "still speaking", fatal instead of major; ABU002 routine transfer
with its reason), 4 of 14 first deadlines wrong ("节后第一个工作日" read as "一个工作日", "节后"
not read); "九点前" said at 23:30 was due before the call (found reading the resolver).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import pytest

from hotline_qa.analyzers.commitments import find_commitments
from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.findings import Status
from hotline_qa.ingest.dialogue_text import parse_dialogue
from hotline_qa.ingest.meta import metadata_from_mapping
from hotline_qa.pipeline import Engine

Case = tuple[tuple[str, ...], str, str, str, dict[str, Any], str | None]
CASES: list[Case] = []


def case(codes: str, expect: str, name: str, transcript: str, meta: dict[str, Any] | None = None,
         severity: str | None = None) -> None:
    CASES.append((tuple(codes.split()), expect, name, transcript, meta or {}, severity))


OPEN = "[00:00.4-00:07.9 坐席] 您好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n"
BODY = """\
[00:08.5-00:13.0 客户] 我想查一下这个月的话费
[00:13.5-00:19.0 坐席] 好的我帮您查一下本月话费是八十九元
[00:19.5-00:21.0 客户] 好的谢谢
[00:21.5-00:26.0 坐席] 请问还有其他可以帮您的吗
[00:26.5-00:27.5 客户] 没有了
[00:28.0-00:32.0 坐席] 感谢您的来电祝您生活愉快再见
"""


def at(ts: str, **extra: Any) -> dict[str, Any]:
    return {"started_at": ts, **extra}


# ---------------- ANS001 -----------------
case("ANS001", "fine", "振铃12秒接起", OPEN + BODY, {"ring_seconds": 12})
case("ANS001", "fine", "振铃正好15秒（3声边界）", OPEN + BODY, {"ring_seconds": 15})
case("ANS001", "bad", "振铃16秒才接", OPEN + BODY, {"ring_seconds": 16})
case("ANS001", "bad", "振铃28秒，接起后也没致歉", OPEN + BODY, {"ring_seconds": 28, "direction": "inbound"})
case("ANS001", "fine", "呼出电话的振铃是客户没接，不算坐席", OPEN + BODY, {"ring_seconds": 40, "direction": "outbound"})

# ---------------- ANS002 -----------------
case("ANS002", "fine", "排队95秒，开口先致歉", """\
[00:00.4-00:09.0 坐席] 您好抱歉让您久等了这里是星河宽带客服中心工号三五二七请问有什么可以帮您
""" + BODY, {"queue_seconds": 95})
case("ANS002", "fine", "排队80秒，第二句里说“不好意思现在来电比较多”", OPEN + """\
[00:08.5-00:12.0 客户] 怎么这么久才接啊
[00:12.5-00:17.0 坐席] 不好意思现在来电比较多您请讲
[00:17.5-00:20.0 客户] 我宽带断了
""", {"queue_seconds": 80})
case("ANS002", "fine", "排队正好60秒（不超过阈值）", OPEN + BODY, {"queue_seconds": 60})
case("ANS002", "bad", "排队3分钟，坐席照常开场", OPEN + BODY, {"queue_seconds": 180})
case("ANS002", "bad", "排队2分钟，客户抱怨，坐席只说“您请讲”", OPEN + """\
[00:08.5-00:12.0 客户] 我等了好几分钟了
[00:12.5-00:14.0 坐席] 嗯您请讲
[00:14.5-00:18.0 客户] 我宽带断了
""", {"queue_seconds": 120})
case("ANS002", "bad", "排队5分钟，致歉拖到第四句才说", OPEN + """\
[00:08.5-00:12.0 客户] 我宽带断了
[00:12.5-00:15.0 坐席] 好的请提供一下宽带账号
[00:15.5-00:18.0 客户] 零二一八八六六
[00:18.5-00:22.0 坐席] 好的稍等
[00:22.5-00:25.0 客户] 嗯
[00:25.5-00:30.0 坐席] 刚才让您久等了查到您这边线路有故障
""", {"queue_seconds": 300})

# ---------------- OPN005 -----------------
case("OPN005", "fine", "早上好 08:30", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T08:30:00+08:00"))
case("OPN005", "fine", "早上好 10:31（容差内）", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T10:31:00+08:00"))
case("OPN005", "bad", "早上好 11:20", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T11:20:00+08:00"))
case("OPN005", "fine", "下午好 12:00 边界", "[00:00.4-00:08.0 坐席] 下午好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T12:00:00+08:00"))
case("OPN005", "bad", "下午好 21:40", "[00:00.4-00:08.0 坐席] 下午好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T21:40:00+08:00"))
case("OPN005", "fine", "晚上好 00:20（午夜后）", "[00:00.4-00:08.0 坐席] 晚上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-21T00:20:00+08:00"))
case("OPN005", "bad", "晚上好 09:00", "[00:00.4-00:08.0 坐席] 晚上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T09:00:00+08:00"))
case("OPN005", "fine", "UTC 时间 01:10Z = 北京 09:10，早上好", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T01:10:00Z"))
case("OPN005", "bad", "UTC 时间 06:00Z = 北京 14:00+，早上好", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T06:30:00Z"))
case("OPN005", "fine", "客户说“早上好”，坐席只说您好（客户的话不算）", OPEN + """\
[00:08.5-00:10.0 客户] 早上好
[00:10.5-00:14.0 坐席] 您好请讲
""", at("2026-11-20T15:00:00+08:00"))
case("OPN005", "fine", "坐席引用客户的“早上好”不算问候", OPEN + """\
[00:08.5-00:12.0 客户] 你们语音导航一直说早上好现在都下午了
[00:12.5-00:18.0 坐席] 您说导航里播的“早上好”是吧我记录反馈一下
""", at("2026-11-20T15:00:00+08:00"))

# ---------------- OPN006 -----------------
GREET_HOLIDAY = "[00:00.4-00:09.0 坐席] 您好国庆快乐这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n"
case("OPN006", "bad", "国庆节10月1日，没有节日问候", OPEN + BODY, at("2026-10-01T10:00:00+08:00"))
case("OPN006", "fine", "国庆节10月3日，开场“国庆快乐”", GREET_HOLIDAY + BODY, at("2026-10-03T10:00:00+08:00"))
case("OPN006", "bad", "10月7日（假期最后一天）没有问候", OPEN + BODY, at("2026-10-07T16:00:00+08:00"))
case("OPN006", "fine", "10月8日已上班，不需节日问候", OPEN + BODY, at("2026-10-08T09:00:00+08:00"))
case("OPN006", "fine", "10月10日周六调休上班，不需节日问候", OPEN + BODY, at("2026-10-10T09:00:00+08:00"))
case("OPN006", "fine", "9月20日周日调休上班，不需节日问候", OPEN + BODY, at("2026-09-20T09:00:00+08:00"))
case("OPN006", "fine", "普通周六不需节日问候", OPEN + BODY, at("2026-11-21T09:00:00+08:00"))
case("OPN006", "bad", "只在结束时祝“节日快乐”：开场问候里没有（004 宜①）", OPEN + BODY.replace("感谢您的来电祝您生活愉快再见", "感谢您的来电祝您节日快乐再见"),
     at("2026-10-02T10:00:00+08:00"))
case("OPN006", "fine", "春节期间“新年好”", "[00:00.4-00:09.0 坐席] 新年好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-02-18T10:00:00+08:00"))
case("OPN006", "bad", "大年初一没有节日问候", OPEN + BODY, at("2026-02-17T10:00:00+08:00"))
case("OPN006", "fine", "清明节不说“快乐”", OPEN + BODY, at("2026-04-05T10:00:00+08:00"))
case("OPN006", "bad", "UTC 9月30日17:00Z = 北京10月1日01:00，没有节日问候", OPEN + BODY, at("2026-09-30T17:00:00Z"))
case("OPN006", "fine", "UTC 10月7日18:00Z = 北京10月8日02:00 已上班", OPEN + BODY, at("2026-10-07T18:00:00Z"))
case("OPN006", "fine", "中秋节“中秋快乐”", "[00:00.4-00:09.0 坐席] 您好中秋快乐这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-09-25T10:00:00+08:00"))
case("OPN006", "fine", "国庆节开场“祝您假期愉快”", OPEN.replace("您好", "您好祝您假期愉快") + BODY,
     at("2026-10-05T10:00:00+08:00"))
case("OPN006", "fine", "国庆节开场“祝您国庆节快乐”", OPEN.replace("您好", "您好祝您国庆节快乐") + BODY,
     at("2026-10-05T10:00:00+08:00"))
case("OPN006", "fine", "元旦“元旦快乐”", "[00:00.4-00:09.0 坐席] 您好元旦快乐这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-01-01T10:00:00+08:00"))
case("OPN006", "bad", "客户祝节日快乐，坐席没回", OPEN + """\
[00:08.5-00:11.0 客户] 你好节日快乐啊我想查话费
[00:11.5-00:16.0 坐席] 好的我帮您查一下本月话费是八十九元
[00:16.5-00:18.0 客户] 好的
[00:18.5-00:22.0 坐席] 感谢您的来电再见
""", at("2026-10-04T10:00:00+08:00"))

# ---------------- CMP002 -----------------
CMP_FULL = OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:22.0 坐席] 非常抱歉给您带来了不好的体验您先消消气
[00:22.5-00:30.0 坐席] 经核实是因为系统把您的套餐变更重复计费了
[00:30.5-00:35.0 坐席] 给您带来的不便我们非常理解换做是我也会着急
[00:35.5-00:42.0 坐席] 我马上为您申请退还多扣的五十元两个工作日内退回您的账户
[00:42.5-00:46.0 客户] 行吧
[00:46.5-00:52.0 坐席] 再次向您表示歉意我们会改进计费核对避免类似问题
[00:52.5-00:56.0 坐席] 感谢您的理解与支持
"""
case("CMP002", "fine", "六步齐全且有序", CMP_FULL)
case("CMP002", "fine", "先表示理解再说明原因（2、3步互换）", OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:22.0 坐席] 非常抱歉给您添麻烦了
[00:22.5-00:27.0 坐席] 您的心情我非常理解换作是我也会生气
[00:27.5-00:34.0 坐席] 我查了一下是因为套餐变更那天系统重复计费了
[00:34.5-00:42.0 坐席] 我马上为您申请退还多扣的五十元两个工作日内退回您的账户
[00:42.5-00:48.0 坐席] 再次向您致歉以后我们一定加强核对
[00:48.5-00:52.0 坐席] 谢谢您的反馈
""")
case("CMP002", "fine", "方案说完后客户追问原因，坐席再解释（真实顺序，各步都在）", OPEN + """\
[00:08.5-00:16.0 客户] 我的快递丢了你们到底管不管我要投诉
[00:16.5-00:20.0 坐席] 非常抱歉给您带来这样的困扰
[00:20.5-00:26.0 坐席] 我查到您的包裹在中转站破损了所以没有继续派送
[00:26.5-00:30.0 坐席] 您着急的心情我能理解
[00:30.5-00:38.0 坐席] 我马上为您登记理赔三个工作日内按保价金额赔付给您
[00:38.5-00:42.0 客户] 那为什么破损都没人通知我
[00:42.5-00:48.0 坐席] 是因为网点没有及时录入异常这个我们会改进以后一定及时通知客户
[00:48.5-00:52.0 坐席] 再次向您道歉也感谢您的耐心
""")
case("CMP002", "bad", "道歉后直接结束：缺原因、方案、改进、感谢", OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:20.0 坐席] 非常抱歉
[00:20.5-00:24.0 客户] 抱歉有什么用
[00:24.5-00:27.0 坐席] 您的心情我理解
""")
case("CMP002", "bad", "有方案但缺再次致歉改进和感谢", OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:22.0 坐席] 非常抱歉给您带来了不好的体验
[00:22.5-00:30.0 坐席] 经核实是因为系统重复计费了
[00:30.5-00:35.0 坐席] 我非常理解您的心情
[00:35.5-00:42.0 坐席] 我马上为您申请退还多扣的五十元两个工作日内退回
""")
case("CMP002", "bad", "一上来先谢谢、方案在道歉之前（顺序颠倒）", OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:22.0 坐席] 我马上为您申请退还五十元两个工作日内退回
[00:22.5-00:26.0 客户] 你们就是这样随便乱扣钱
[00:26.5-00:32.0 坐席] 是因为系统重复计费了非常理解您的心情
[00:32.5-00:36.0 坐席] 非常抱歉给您带来不好的体验以后我们一定改进
""")

# ---------------- TAB006 -----------------
case("TAB006", "fine", "工单号后面紧跟解释", OPEN + """\
[00:08.5-00:12.0 客户] 我的宽带还是没修好
[00:12.5-00:20.0 坐席] 您的工单号也就是您的受理编号是三三八一我已经帮您催办了
""", {"business_line": "telecom"})
case("TAB006", "bad", "告诉客户“工单已派单到二线”", OPEN + """\
[00:08.5-00:12.0 客户] 我的宽带还是没修好
[00:12.5-00:18.0 坐席] 您这个已经派单到二线了等二线处理结单就行
""", {"business_line": "telecom"})
case("TAB006", "bad", "电信：携号转网不解释", OPEN + """\
[00:08.5-00:12.0 客户] 我想换个运营商但不想换号
[00:12.5-00:18.0 坐席] 可以办理携号转网您需要先满足条件
""", {"business_line": "telecom"})
case("TAB006", "fine", "客户先说了携号转网", OPEN + """\
[00:08.5-00:12.0 客户] 我想办携号转网
[00:12.5-00:18.0 坐席] 好的办理携号转网需要先查询一下您的号码是否符合条件
""", {"business_line": "telecom"})
case("TAB006", "fine", "银行术语不在电信业务线的术语表里", OPEN + """\
[00:08.5-00:12.0 客户] 我想问账单日是哪天
[00:12.5-00:18.0 坐席] 您的账单日是每月五号
""", {"business_line": "telecom"})
case("TAB006", "bad", "银行：冲正不解释", OPEN + """\
[00:08.5-00:12.0 客户] 我转账失败了钱扣了
[00:12.5-00:18.0 坐席] 这笔交易系统会自动冲正您耐心等待
""", {"business_line": "bank"})
case("TAB006", "fine", "银行：冲正后用“就是把…退回”解释", OPEN + """\
[00:08.5-00:12.0 客户] 我转账失败了钱扣了
[00:12.5-00:20.0 坐席] 这笔交易系统会自动冲正就是把扣掉的钱原路退回到您卡上
""", {"business_line": "bank"})
case("TAB006", "fine", "电商：揽收后解释“快递员上门取件”", OPEN + """\
[00:08.5-00:12.0 客户] 我的退货怎么还没人来取
[00:12.5-00:20.0 坐席] 已经给您安排揽收了也就是快递员明天上门取件
""", {"business_line": "ecommerce"})
case("TAB006", "bad", "电商：仅退款、售后单连用不解释", OPEN + """\
[00:08.5-00:12.0 客户] 衣服破了我想退钱
[00:12.5-00:20.0 坐席] 您在售后单里申请仅退款就可以了
""", {"business_line": "ecommerce"})

# ---------------- SOL001 -----------------
case("SOL001", "bad", "一口气说完改密码的操作", OPEN + """\
[00:08.5-00:12.0 客户] 我想改一下登录密码
[00:12.5-00:22.0 坐席] 您打开APP点击我的进入设置选择账户安全输入新密码提交就可以了
""")
case("SOL001", "fine", "第一步第二步分步说明", OPEN + """\
[00:08.5-00:12.0 客户] 我想改一下登录密码
[00:12.5-00:18.0 坐席] 好的您按以下步骤操作第一步打开APP点击我的
[00:18.5-00:24.0 坐席] 第二步进入设置选择账户安全最后输入新密码提交
""")
case("SOL001", "fine", "一句里只有两个动作不算复杂操作", OPEN + """\
[00:08.5-00:12.0 客户] 怎么查话费
[00:12.5-00:18.0 坐席] 您打开APP首页就能看到话费余额也可以发短信查询
""")

# ---------------- SOL003 -----------------
case("SOL003", "bad", "标记答复有误但没有更正回电", OPEN + BODY, {"corrected": True})
case("SOL003", "fine", "标记答复有误并关联了更正回电", OPEN + BODY, {"corrected": True, "callback_call_id": "C-20261120-0012"})
case("SOL003", "fine", "本通就是更正回电", OPEN + BODY, {"corrects_call_id": "C-20261120-0007"})

# ---------------- CLS004 -----------------
END_BYE = OPEN + """\
[00:08.5-00:13.0 客户] 我想查一下这个月的话费
[00:13.5-00:19.0 坐席] 好的本月话费是八十九元请问还有其他可以帮您的吗
[00:19.5-00:21.0 客户] 没有了谢谢
[00:21.5-00:25.0 坐席] 感谢您的来电祝您生活愉快再见
[00:25.3-00:26.0 客户] 再见
"""
case("CLS004", "fine", "客户先挂机", END_BYE + "[00:27.0 #hangup customer]\n", {"hangup_by": "customer"})
case("CLS004", "bad", "客户“再见”后0.5秒坐席挂机（严重，非红线）", END_BYE + "[00:26.5 #hangup agent]\n",
     {"hangup_by": "agent"}, severity="major")
case("CLS004", "bad", "客户还在说话坐席挂断（红线）", OPEN + """\
[00:08.5-00:13.0 客户] 我想查一下这个月的话费
[00:13.5-00:17.0 坐席] 本月话费八十九元
[00:17.5-00:24.0 客户] 那我上个月那个流量包的钱到底退了没有
[00:21.0 #hangup agent]
""", {"hangup_by": "agent"}, severity="fatal")
case("CLS004", "bad", "客户刚说“你们这什么态度”坐席就挂（红线）", OPEN + """\
[00:08.5-00:13.0 客户] 我宽带断了三天了
[00:13.5-00:18.0 坐席] 我们已经派师傅了请您耐心等
[00:18.5-00:21.0 客户] 你们这什么态度
[00:23.0 #hangup agent]
""", {"hangup_by": "agent"}, severity="fatal")
case("CLS004", "fine", "没有时间戳的文本，客户挂机", """\
坐席：您好这里是星河宽带客服中心工号三五二七请问有什么可以帮您
客户：查话费
坐席：本月话费八十九元还有其他问题吗
客户：没有了再见
坐席：感谢来电再见
""", {"hangup_by": "customer"})

# ---------------- ABU002 -----------------
ABUSE = OPEN + """\
[00:08.5-00:14.0 客户] 你们这群骗子废物我宽带断了一个礼拜了
[00:14.5-00:20.0 坐席] 非常抱歉我非常理解您的愤怒我们的目标是帮您解决问题
[00:20.5-00:25.0 客户] 少废话你个蠢货叫你们领导来
"""
case("ABU002", "fine", "按话术告知转接主管", ABUSE + """\
[00:25.5-00:32.0 坐席] 为了更好地解决您的问题我将转接主管为您服务请您稍等
[00:32.5 #transfer]
""")
case("ABU002", "bad", "不说一声直接转接", ABUSE + """\
[00:25.5-00:27.0 坐席] 嗯
[00:27.5 #transfer]
""")
case("ABU002", "bad", "只说“给你转主管”没有原因和稍等", ABUSE + """\
[00:25.5-00:28.0 坐席] 行那我给你转主管
[00:28.5 #transfer]
""")
case("ABU002", "fine", "询问客户是否需要转主管（未转接）不适用", ABUSE + """\
[00:25.5-00:30.0 坐席] 需要的话我可以帮您转接主管您看可以吗
[00:30.5-00:33.0 客户] 不用了你赶紧给我修
""")
case("ABU002", "fine", "常规转接专席，说明原因并请稍等", OPEN + """\
[00:08.5-00:12.0 客户] 我想问一下信用卡分期
[00:12.5-00:20.0 坐席] 您这个问题需要信用卡中心的专员处理我帮您转接到信用卡专席请您稍等
[00:20.5 #transfer]
""")

# ---------------- more edge cases -----------------
case("OPN005", "bad", "早上好 10:45（超出容差）", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T10:45:00+08:00"))
case("OPN005", "fine", "下午好 11:55（容差内）", "[00:00.4-00:08.0 坐席] 下午好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-20T11:55:00+08:00"))
case("OPN005", "fine", "纽约时间晚上8点来电=北京上午9点，早上好", "[00:00.4-00:08.0 坐席] 早上好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-11-19T20:00:00-05:00"))
case("OPN006", "fine", "2月14日周六调休上班（春节前），不需节日问候", OPEN + BODY, at("2026-02-14T10:00:00+08:00"))
case("OPN006", "fine", "春节“过年好”", "[00:00.4-00:09.0 坐席] 您好过年好这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     at("2026-02-20T10:00:00+08:00"))
case("ANS001", "bad", "振铃15.5秒", OPEN + BODY, {"ring_seconds": 15.5})
case("ANS002", "fine", "排队70秒，“抱歉刚才线路繁忙”", "[00:00.4-00:09.0 坐席] 您好抱歉刚才线路繁忙这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     {"queue_seconds": 70})
case("ANS002", "fine", "排队90秒，ASR把“久等”识别成“就等”", "[00:00.4-00:09.0 坐席] 您好让您就等了这里是星河宽带客服中心工号三五二七请问有什么可以帮您\n" + BODY,
     {"queue_seconds": 90})
case("TAB006", "fine", "二线城市不是术语", OPEN + """\
[00:08.5-00:12.0 客户] 你们在哪些城市有网点
[00:12.5-00:18.0 坐席] 一二线城市都有营业厅
""", {"business_line": "telecom"})
case("TAB006", "fine", "流水号下一句坐席就解释", OPEN + """\
[00:08.5-00:12.0 客户] 我要怎么查这笔退款
[00:12.5-00:16.0 坐席] 您记一下这个流水号
[00:16.5-00:22.0 坐席] 就是这笔退款的交易编号查询时报给我们就行
""", {"business_line": "bank"})
case("CMP002", "fine", "感谢与改进在同一句（“感谢您的反馈我们一定改进”）", OPEN + """\
[00:08.5-00:16.0 客户] 你们怎么回事我这个月话费多扣了五十块我要投诉
[00:16.5-00:22.0 坐席] 非常抱歉给您带来了不好的体验
[00:22.5-00:30.0 坐席] 经核实是因为系统重复计费了我非常理解您的心情
[00:30.5-00:38.0 坐席] 我马上为您申请退还多扣的五十元两个工作日内退回
[00:38.5-00:46.0 坐席] 再次向您道歉也感谢您的反馈我们一定改进
""")
case("CLS004", "bad", "客户“好的谢谢”后2秒坐席挂机（严重）", OPEN + BODY + "[00:34.0 #hangup agent]\n", {}, severity="major")
case("CLS004", "fine", "#hangup customer 事件（无元数据）", OPEN + BODY + "[00:33.0 #hangup customer]\n")
case("ABU002", "bad", "常规来电直接转接，一句话不说", OPEN + """\
[00:08.5-00:12.0 客户] 我想问一下信用卡分期
[00:12.5 #transfer]
""")

case("TAB006", "bad", "业务线写成大写 Telecom：携号转网仍要解释", OPEN + """\
[00:08.5-00:12.0 客户] 我想换个运营商但不想换号
[00:12.5-00:18.0 坐席] 可以办理携号转网您需要先满足条件
""", {"business_line": "Telecom"})
case("TAB006", "bad", "业务线写成“ bank ”（带空格）：冲正不解释", OPEN + """\
[00:08.5-00:12.0 客户] 我转账失败了钱扣了
[00:12.5-00:18.0 坐席] 这笔交易系统会自动冲正您耐心等待
""", {"business_line": " bank "})


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine()


def _results(transcript: str, meta: dict[str, Any]) -> dict[str, Any]:
    md = metadata_from_mapping(meta)[0] if meta else None
    call = parse_dialogue(transcript, metadata=md) if md is not None else parse_dialogue(transcript)
    return {r.code: r for r in _engine().evaluate(call).results}


@pytest.mark.parametrize(("codes", "expect", "name", "transcript", "meta", "severity"), CASES,
                         ids=[f"C{i:02d}-{c[1]}-{'+'.join(c[0])}-{c[2][:12]}" for i, c in enumerate(CASES)])
def test_metadata_rule(codes: tuple[str, ...], expect: str, name: str, transcript: str,
                       meta: dict[str, Any], severity: str | None) -> None:
    results = _results(transcript, meta)
    fired = {c for c in codes if c in results and results[c].status is Status.FINDING}
    if expect == "bad":
        assert fired == set(codes), f"{name}: expected {codes} to fire, got {sorted(fired)}"
        if severity is not None:
            sevs = {(f.severity or results[c].severity).value for c in codes for f in results[c].findings}
            assert sevs == {severity}, f"{name}: severity {sevs}, expected {severity}"
    else:
        assert not fired, f"{name}: false finding(s) {sorted(fired)}"


def test_jargon_lists_follow_each_calls_line_and_centre_in_one_engine() -> None:
    """TAB006 looks its lists up once per business line and centre: calls of one engine with the
    same desk name ("停复机") but another centre get that centre's lists, in either order."""
    said = OPEN + """\
[00:08.5-00:12.0 客户] 我想换个运营商但不想换号
[00:12.5-00:18.0 坐席] 可以办理携号转网您需要先满足条件
"""
    mobile = {"business_line": "停复机", "center_name": "中国移动10086客服"}
    other = {"business_line": "停复机", "center_name": "星河银行客服中心"}
    statuses = [_results(said, m)["TAB006"].status for m in (mobile, other, mobile, other)]
    assert statuses[0] is statuses[2] is Status.FINDING
    assert statuses[1] is not Status.FINDING and statuses[3] is not Status.FINDING


def test_corpus_size() -> None:
    assert sum(c[1] == "fine" for c in CASES) >= 30 and sum(c[1] == "bad" for c in CASES) >= 25


# ---------------- commitment deadlines -----------------
CST = timezone(timedelta(hours=8))
CAL = WorkCalendar()


def _due(text: str, now: datetime) -> tuple[str | None, datetime | None]:
    md = metadata_from_mapping({"started_at": now.isoformat()})[0]
    call = parse_dialogue(f"坐席：{text}\n", metadata=md)
    found = find_commitments(call, now=now, calendar=CAL)
    assert found, f"no commitment found in {text!r}"
    return found[0].deadline_text, found[0].due


DEADLINES: list[tuple[str, datetime, str, datetime]] = [
    ("我们两小时内给您回电", datetime(2026, 11, 20, 10, 0, tzinfo=CST), "两小时内",
     datetime(2026, 11, 20, 12, 0, tzinfo=CST)),
    ("我们两小时内给您回电", datetime(2026, 11, 20, 23, 30, tzinfo=CST), "两小时内",
     datetime(2026, 11, 21, 1, 30, tzinfo=CST)),
    ("明天下午给您回电", datetime(2026, 11, 20, 10, 0, tzinfo=CST), "明天下午",
     datetime(2026, 11, 21, 18, 0, tzinfo=CST)),
    ("2个工作日内给您答复", datetime(2026, 11, 20, 10, 0, tzinfo=CST), "2个工作日内",  # Friday -> Tuesday
     datetime(2026, 11, 24, 23, 59, 59, tzinfo=CST)),
    ("2个工作日内给您答复", datetime(2026, 10, 3, 10, 0, tzinfo=CST), "2个工作日内",  # during the holiday
     datetime(2026, 10, 9, 23, 59, 59, tzinfo=CST)),
    ("1个工作日内给您答复", datetime(2026, 10, 9, 10, 0, tzinfo=CST), "1个工作日内",  # Fri -> Sat 10 Oct (调休上班)
     datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST)),
    ("2个工作日内给您答复", datetime(2026, 2, 13, 16, 0, tzinfo=CST), "2个工作日内",  # Sat 14 Feb works
     datetime(2026, 2, 24, 23, 59, 59, tzinfo=CST)),
    ("下周一之前给您回复", datetime(2026, 11, 20, 10, 0, tzinfo=CST), "下周一之前",
     datetime(2026, 11, 23, 23, 59, 59, tzinfo=CST)),
    ("月底前给您退款", datetime(2026, 11, 20, 10, 0, tzinfo=CST), "月底前",
     datetime(2026, 11, 30, 23, 59, 59, tzinfo=CST)),
    ("节后第一个工作日给您回电", datetime(2026, 10, 2, 10, 0, tzinfo=CST), "节后第一个工作日",
     datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)),
    ("节后第一个工作日给您回电", datetime(2026, 9, 30, 15, 0, tzinfo=CST), "节后第一个工作日",
     datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)),
    ("节后第一个工作日给您回电", datetime(2026, 2, 16, 11, 0, tzinfo=CST), "节后第一个工作日",
     datetime(2026, 2, 24, 23, 59, 59, tzinfo=CST)),
    ("节后给您回电", datetime(2026, 10, 5, 11, 0, tzinfo=CST), "节后",
     datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)),
    ("国庆节后给您寄出", datetime(2026, 9, 28, 10, 0, tzinfo=CST), "国庆节后",
     datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)),
    ("春节假期结束后第一个工作日给您回电", datetime(2026, 2, 12, 10, 0, tzinfo=CST), "春节假期结束后第一个工作日",
     datetime(2026, 2, 24, 23, 59, 59, tzinfo=CST)),
    ("过完年我们给您寄过去", datetime(2026, 2, 18, 10, 0, tzinfo=CST), "过完年",
     datetime(2026, 2, 24, 23, 59, 59, tzinfo=CST)),
    ("收假后第一天给您回电", datetime(2026, 10, 6, 22, 0, tzinfo=CST), "收假后第一天",
     datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)),
    # a bare clock time already past is the next one; a time still ahead stays today
    ("我们九点前给您回电", datetime(2026, 11, 20, 23, 30, tzinfo=CST), "九点前",
     datetime(2026, 11, 21, 9, 0, tzinfo=CST)),
    ("下午五点前给您回电", datetime(2026, 11, 20, 15, 0, tzinfo=CST), "下午五点前",
     datetime(2026, 11, 20, 17, 0, tzinfo=CST)),
    ("今晚十一点五十前给您回电", datetime(2026, 11, 20, 23, 10, tzinfo=CST), "今晚十一点五十前",
     datetime(2026, 11, 20, 23, 50, tzinfo=CST)),
]


@pytest.mark.parametrize(("text", "now", "surface", "due"), DEADLINES,
                         ids=[f"D{i:02d}-{d[0][:8]}" for i, d in enumerate(DEADLINES)])
def test_deadline(text: str, now: datetime, surface: str, due: datetime) -> None:
    assert _due(text, now) == (surface, due)


@pytest.mark.parametrize("text", ["两年后我们给您回电", "明年后半年给您回电", "这个环节后给您回电"])
def test_year_spans_and_other_words_are_not_after_the_holiday(text: str) -> None:
    # "两年后" is a span of years, "环节后" is not "节后": neither is due after a holiday
    surface, _ = _due(text, datetime(2026, 11, 20, 10, 0, tzinfo=CST))
    assert surface is None or ("年后" not in surface and "节后" not in surface)


@pytest.mark.parametrize(("started_at", "surface", "due"), [
    # 01:00 UTC is 09:00 in Beijing: "今天下班前" is 18:00 Beijing time that day
    ("2026-11-20T01:00:00Z", "今天下班前", datetime(2026, 11, 20, 18, 0, tzinfo=CST)),
    # 17:30 UTC on 30 September is 01:30 on 1 October in Beijing: the holiday has begun
    ("2026-09-30T17:30:00Z", "2个工作日内", datetime(2026, 10, 9, 23, 59, 59, tzinfo=CST)),
    # a call from New York on Thursday 8 October, 20:00 local = Friday 08:00 Beijing
    ("2026-10-08T20:00:00-04:00", "1个工作日内", datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST)),
])
def test_deadline_of_a_call_started_in_another_zone(started_at: str, surface: str, due: datetime) -> None:
    text = {"今天下班前": "我今天下班前给您答复"}.get(surface, f"{surface}给您答复")
    md = metadata_from_mapping({"started_at": started_at})[0]
    call = parse_dialogue(f"坐席：{text}\n", metadata=md)
    (c,) = _engine().context(call).analysis.commitments
    assert (c.deadline_text, c.due) == (surface, due)
