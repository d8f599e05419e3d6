"""AFT: after-call work (话后处理) — tickets, summaries, follow-ups and callbacks.

Every rule here reads the ticket records (工单) of the call, which a transcript does not
carry; until the workflow module feeds them in, the engine reports these rules as not
applicable ("缺少工单记录"). The classes and their parameters are here so that the
rulebook, the rule pages and the evaluation form already cover them.
"""

from __future__ import annotations

from collections.abc import Iterable

from hotline_qa.core.findings import Basis, Finding
from hotline_qa.rules.base import Need, Rule
from hotline_qa.rules.context import CallContext
from hotline_qa.rules.registry import register

NO_TICKETS = "缺少工单记录 (needs the ticket records)"


class _TicketRule(Rule):
    """A rule judged from the call's ticket records."""

    family = "AFT"
    dimension = "closing"
    needs = (Need.TICKETS,)

    def basis(self, ctx: CallContext) -> Basis:
        return Basis.METADATA

    def check(self, ctx: CallContext) -> Iterable[Finding]:
        raise self.not_applicable(NO_TICKETS)


@register
class TicketLate(_TicketRule):
    """A call that needs a ticket has none created within ``max_minutes`` of the call's end.

    Anti-pattern: 通话结束 20 分钟后才补建工单。
    Best practice: 通话结束后 3 分钟内完成工单创建，信息与通话记录一致。
    """

    code = "AFT001"
    slug = "aftercall.ticket_late"
    name_zh = "工单创建超时"
    name_en = "Ticket created late"
    source = "003 三(三)"
    why = "若需创建工单，需在通话结束后3分钟内完成。"
    suggestion = "通话结束后3分钟内完成工单创建。"


@register
class TicketFieldsWrong(_TicketRule):
    """The ticket's key fields are missing or disagree with the call (name, contact number, problem).

    The contact number must have the same digits as the number said in the call.

    Anti-pattern: 工单联系电话与客户在通话中报的号码不一致。
    Best practice: 关键字段（客户姓名、联系方式、问题描述）无遗漏、无错误，与通话记录一致。
    """

    code = "AFT002"
    slug = "aftercall.ticket_fields_wrong"
    name_zh = "工单关键字段缺失或不一致"
    name_en = "Ticket key fields missing or wrong"
    source = "003 三(三)"
    why = "确保工单信息与通话记录一致，关键字段（如客户姓名、联系方式、问题描述）无遗漏、无错误。"
    suggestion = "核对工单的客户姓名、联系电话、问题描述，与通话中客户所说一致。"


@register
class TicketDescriptionVague(_TicketRule):
    """The ticket's problem description is vague ("客户说有点问题") instead of specific.

    Anti-pattern: 问题描述写“客户说有点问题”。
    Best practice: “客户反馈XX产品使用时出现XX故障”。
    """

    code = "AFT003"
    slug = "aftercall.ticket_description_vague"
    name_zh = "问题描述模糊"
    name_en = "Vague problem description"
    source = "003 三(三)"
    why = "记录需准确、简洁、条理清晰，避免使用模糊表述（如“客户说有点问题”需细化为“客户反馈XX产品使用时出现XX故障”）。"
    suggestion = "具体描述问题：“客户反馈XX产品使用时出现XX故障”，写明时间、对象、现象。"


@register
class SummaryLate(_TicketRule):
    """No call summary (problem type, solution, satisfaction) within ``max_minutes`` of the call's end.

    Anti-pattern: 通话小结第二天才补写，缺少客户满意度。
    Best practice: 通话结束后5分钟内完成通话小结，标注问题类型、解决方案、客户满意度。
    """

    code = "AFT004"
    slug = "aftercall.summary_late"
    name_zh = "通话小结超时或不完整"
    name_en = "Call summary late or incomplete"
    source = "003 六(二)"
    why = "通话结束后5分钟内完成通话小结，标注问题类型、解决方案、客户满意度。"
    suggestion = "通话结束后5分钟内完成小结：问题类型、解决方案、客户满意度。"


@register
class FollowUpLate(_TicketRule):
    """The customer did not get progress or the result within the promised time (default 24 h).

    The promised time comes from the call's commitments when they carry one.

    Anti-pattern: 承诺24小时内回复，三天后才联系客户。
    Best practice: 在系统中设置提醒，在承诺时效内反馈处理进度或结果。
    """

    code = "AFT005"
    slug = "aftercall.follow_up_late"
    name_zh = "未在承诺时效内反馈"
    name_en = "Follow-up later than promised"
    source = "003 六(二), 004 宜⑧"
    why = "工单需后续处理时，需在系统中设置提醒，确保在承诺时效内（如24小时）反馈处理进度或结果。"
    suggestion = "在系统中设置提醒，在承诺时效内向客户反馈处理进度或结果。"


@register
class CallbackNotOnTime(_TicketRule):
    """Complaints and complex cases get no callback (回访) 1 to 3 working days after resolution.

    Working days follow China's official calendar: public holidays do not count, and the
    make-up working days (调休上班的周末) do.

    Anti-pattern: 投诉工单国庆前一天办结，节后第五个工作日才回访。
    Best practice: 问题解决后1-3个工作日内回访，确认满意度并收集改进建议。
    """

    code = "AFT006"
    slug = "aftercall.callback_not_on_time"
    name_zh = "未按时回访"
    name_en = "Callback not on time"
    source = "003 六(三)"
    why = "对投诉类、复杂问题类客户，需在问题解决后1-3个工作日内回访，确认满意度并收集改进建议。"
    suggestion = "问题解决后1-3个工作日内（按法定工作日历）回访客户，确认满意度并收集改进建议。"


@register
class UnresolvedNotReopened(_TicketRule):
    """A callback found the problem unresolved, and the ticket was not reopened until the customer accepted.

    Anti-pattern: 回访时客户说问题没解决，工单仍保持“已办结”。
    Best practice: 回访中发现问题未彻底解决，重新启动工单处理流程，直至客户认可。
    """

    code = "AFT007"
    slug = "aftercall.unresolved_not_reopened"
    name_zh = "回访未解决未重开工单"
    name_en = "Unresolved callback without reopening"
    source = "003 六(三)"
    why = "若回访中发现问题未彻底解决，需重新启动工单处理流程，直至客户认可。"
    suggestion = "回访发现未解决时重新启动工单处理流程，直至客户认可。"
