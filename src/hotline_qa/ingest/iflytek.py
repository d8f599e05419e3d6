"""iFlytek (讯飞开放平台) recorded-file transcription (录音文件转写, lfasr) results.

Read, whichever was saved:

- the ``orderResult`` document itself: ``{"lattice": [{"json_1best": "<JSON text>"}],
  "lattice2": [{"json_1best": {...}}]}``. ``json_1best`` is JSON text in ``lattice`` and an
  object in ``lattice2``; each holds ``{"st": {"bg", "ed", "rl", "rt": [{"ws": [{"cw": [{"w",
  "wp"}]}]}]}}``: start and end in milliseconds (as strings), ``rl`` the role number of
  the role separation (``roleType``), the words ``w`` with their kind ``wp`` (n a word,
  s a smoothed filler such as 嗯, p punctuation, g a paragraph mark without text, left
  out). ``lattice`` (after smoothing) is read when present, else ``lattice2``;
- the ``getResult`` answer of the current API: ``{"code": "000000", "content": {"orderInfo":
  {"status": 4}, "orderResult": "<JSON text>"}}`` (status 4 done, -1 failed, else running);
  the big-model file transcription (录音文件转写大模型, ``/v2/getResult`` on
  office-api-ist-dx.iflyaisol.com) answers in this same shape;
- the older v1 ``getResult`` answer: ``{"ok": 0, "data": "[{\\"bg\\", \\"ed\\", \\"onebest\\",
  \\"speaker\\"}]"}`` (``data`` JSON text; also read as an array).

Role numbers become roles through ``roles`` (``{"1": "agent"}``) or the opening phrases,
with a warning; all sentences with one role number (role separation off) is an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hotline_qa.core.call import Call
from hotline_qa.core.errors import InputError
from hotline_qa.ingest.common import RawTurn, build_utterances, require_several_speakers, roles_for_sentences
from hotline_qa.ingest.jsonutil import (
    check_span,
    expect_list,
    expect_object,
    load_json,
    optional_number,
    optional_text,
)

FORMAT = "iflytek"
_HINT_ROLES = "上传转写任务时开启角色分离 (roleType=1, roleNum=2)，再重新获取结果"
_SKIPPED_WP = frozenset({"g"})  # a paragraph mark: no text


def looks_iflytek(value: Any) -> bool:
    """An ``orderResult`` (``lattice``), a ``getResult`` answer or a v1 ``onebest`` result."""
    if isinstance(value, list):
        first = value[0] if value else None
        return isinstance(first, Mapping) and "onebest" in first
    if not isinstance(value, Mapping):
        return False
    if isinstance(value.get("lattice"), list) or isinstance(value.get("lattice2"), list):
        return True
    content = value.get("content")
    if isinstance(content, Mapping) and ("orderResult" in content or "orderInfo" in content or "orderId" in content):
        return True
    if "descInfo" in value and "code" in value and set(value) <= {"code", "descInfo", "content"}:
        return True  # an error answer of getResult/upload
    return "ok" in value and ("data" in value or "err_no" in value) and set(value) <= {
        "ok", "err_no", "failed", "data", "task_id"}


def parse_iflytek(text: str, *, source: str, roles: Mapping[str, str] | None = None) -> list[Call]:
    """Parse an iFlytek transcription result into one call."""
    value = load_json(text, source=source)
    if isinstance(value, list):
        sentences = _onebest(value, "$", source)
    elif isinstance(value, Mapping) and "ok" in value:
        sentences = _onebest(_v1_data(value, source), "data", source)
    else:
        obj = expect_object(value, "$", source=source)
        where = "$"
        if isinstance(obj.get("content"), Mapping) or "descInfo" in obj:
            obj, where = _order_result(obj, source), "content.orderResult"
        sentences = _lattice(obj, where, source)
    if not any(s[3].strip() for s in sentences):
        raise InputError("转写结果中没有任何句子 (the result has no sentences)", path=source,
                         hint="请确认录音有人声、转写订单已完成 (orderInfo.status=4)")
    sentences.sort(key=lambda s: s[0] if s[0] is not None else 0.0)
    require_several_speakers([s[2] for s in sentences], source=source, field="st.rl", hint=_HINT_ROLES)
    found, warnings = roles_for_sentences([(s[2], None, s[3]) for s in sentences], roles, source=source)
    turns = [RawTurn(role=role, original=txt, start=begin, end=end, confidence=conf)
             for (begin, end, _, txt, conf), role in zip(sentences, found, strict=True)]
    return [Call(source=source, utterances=build_utterances(turns), warnings=tuple(warnings), source_format=FORMAT)]


_Sentence = tuple[float | None, float | None, str | None, str, float | None]


def _json_text(value: Any, where: str, source: str) -> Any:
    """A value that iFlytek nests as JSON text (``orderResult``, ``json_1best``, v1 ``data``)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where} 中的 JSON 文本无效 (invalid JSON text): {exc.msg}", path=source, field=where,
                         hint="请保存接口返回的原文，不要改动其中的转义引号") from exc


def _order_result(obj: Mapping[str, Any], source: str) -> Mapping[str, Any]:
    code = str(obj.get("code", "000000"))
    if code != "000000":
        raise InputError(f"讯飞接口返回错误 {code}: {obj.get('descInfo', '')} (an API error, not a result)",
                         path=source, field="code", hint="请按错误码检查订单号和签名；成功后保存 getResult 的应答")
    found = obj.get("content")
    content: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    order_info = content.get("orderInfo")
    info: Mapping[str, Any] = order_info if isinstance(order_info, Mapping) else {}
    status = info.get("status")
    raw = content.get("orderResult")
    if str(status) == "-1":
        raise InputError(f"讯飞转写订单失败 (the order failed, failType={info.get('failType', '?')})", path=source,
                         field="content.orderInfo.status", hint="请按 failType 检查音频后重新上传转写")
    if not raw:
        if "orderInfo" not in content and "orderId" in content:
            raise InputError("这是上传音频 (upload) 的应答，只有 orderId，不是转写结果 (an upload answer, not the "
                             "transcript)", path=source, field="content.orderId",
                             hint="请用 orderId 调用 getResult，等 orderInfo.status=4 后保存其应答")
        raise InputError(f"讯飞转写订单尚未完成 (status={status}) (the order is not finished)", path=source,
                         field="content.orderInfo.status", hint="稍后再调用 getResult，等 orderInfo.status=4 后保存其应答")
    return expect_object(_json_text(raw, "content.orderResult", source), "content.orderResult", source=source)


def _lattice(obj: Mapping[str, Any], where: str, source: str) -> list[_Sentence]:
    key = "lattice" if obj.get("lattice") else "lattice2"
    items = expect_list(obj.get(key) or [], f"{where}.{key}", source=source)
    sentences: list[_Sentence] = []
    for i, item in enumerate(items):
        at = f"{key}[{i}].json_1best"
        best = expect_object(_json_text(expect_object(item, f"{key}[{i}]", source=source).get("json_1best"), at,
                                        source), at, source=source)
        st = expect_object(best.get("st"), f"{at}.st", source=source)
        begin = optional_number(st, "bg", f"{at}.st", source=source, scale=1000.0)
        end = optional_number(st, "ed", f"{at}.st", source=source, scale=1000.0)
        check_span(begin, end, f"{at}.st", source=source)
        words, confidences = _words(st.get("rt"), f"{at}.st.rt", source)
        speaker = optional_text(st, "rl", f"{at}.st", source=source)
        confidence = round(sum(confidences) / len(confidences), 4) if confidences else None
        sentences.append((begin, end, speaker, "".join(words), confidence))
    return sentences


def _words(rt: Any, where: str, source: str) -> tuple[list[str], list[float]]:
    words: list[str] = []
    confidences: list[float] = []
    for r, part in enumerate(expect_list(rt or [], where, source=source)):
        for w, ws in enumerate(expect_list(expect_object(part, f"{where}[{r}]", source=source).get("ws") or [],
                                           f"{where}[{r}].ws", source=source)):
            candidates = expect_list(expect_object(ws, f"{where}[{r}].ws[{w}]", source=source).get("cw") or [],
                                     f"{where}[{r}].ws[{w}].cw", source=source)
            if not candidates:
                continue
            best = expect_object(candidates[0], f"{where}[{r}].ws[{w}].cw[0]", source=source)
            if str(best.get("wp", "n")) in _SKIPPED_WP:
                continue
            words.append(optional_text(best, "w", f"{where}[{r}].ws[{w}].cw[0]", source=source) or "")
            score = best.get("wc")
            if isinstance(score, int | float | str) and not isinstance(score, bool):
                try:
                    value = float(score)
                except ValueError:
                    continue
                if 0.0 < value <= 1.0 and str(best.get("wp", "n")) != "p":
                    confidences.append(value)
    return words, confidences


def _v1_data(obj: Mapping[str, Any], source: str) -> list[Any]:
    if str(obj.get("ok")) != "0":
        raise InputError(f"讯飞接口返回错误 {obj.get('err_no', '?')}: {obj.get('failed') or ''} (an API error)",
                         path=source, field="ok", hint="请检查任务号和签名；转写完成后保存 getResult 的应答")
    data = obj.get("data")
    if not data:
        raise InputError("getResult 的 data 为空：转写尚未完成或没有结果 (no data: the task is not finished)",
                         path=source, field="data", hint="用 getProgress 确认任务已完成 (status 9) 后再保存 getResult 的应答")
    return expect_list(_json_text(data, "data", source), "data", source=source)


def _onebest(items: list[Any], where: str, source: str) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        obj = expect_object(item, at, source=source)
        begin = optional_number(obj, "bg", at, source=source, scale=1000.0)
        end = optional_number(obj, "ed", at, source=source, scale=1000.0)
        check_span(begin, end, at, source=source)
        speaker = optional_text(obj, "speaker", at, source=source)
        sentences.append((begin, end, speaker, optional_text(obj, "onebest", at, source=source) or "", None))
    return sentences
