"""Promises, round 26: the greeting's "欢迎致电" is the customer's call, made now."""

from __future__ import annotations

from .test_commitments_fragments import _promises as _actions


def test_the_greeting_is_no_callback_and_the_staff_number_no_date() -> None:
    # bench corpus: "欢迎致电…客服中心 我是38号客服" was read as a callback due on "38号"
    assert _actions("坐席：您好欢迎致电易购商城客服中心我是38号客服小林很高兴为您服务\n") == []
    assert _actions("坐席：感谢您致电供电服务热线\n") == []
    # a call to come stays a promise
    assert _actions("坐席：明天上午我们会再致电您\n") == [("回电", "明天上午")]


def test_a_colleague_named_after_you_is_the_agents_side() -> None:
    # field call 348: "今天下班前由工程部主管给您回电" is the hotline's own callback
    assert _actions("坐席：今天下班前由工程部主管给您回电\n") == [("回电", "今天下班前")]
    # another organisation's act stays told, not promised
    assert _actions("坐席：这个需要由电力热线为您办理\n") == []
    assert _actions("坐席：由供热公司的负责人给您回电\n") == []
