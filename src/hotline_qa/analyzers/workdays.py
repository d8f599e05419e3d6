"""China's working-day calendar: public holidays and make-up working days (调休).

Backed by the ``chinese_calendar`` package, which knows the State Council's holiday
arrangements up to the year it was released for. For a year it does not know, the
calendar falls back to Monday–Friday less the public holidays fixed by date in the
《全国年节及纪念日放假办法》 (元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October: rest days
whatever the year's arrangement), plus an optional holiday file the user supplies, and records a
warning so that reports can say the deadline may be off (the lunar holidays and make-up days
need the file).

Holiday file, text (``#`` starts a comment)::

    2027-01-01 元旦
    2027-02-06 春节
    2027-02-20 workday        # 调休上班; also "工作日", "上班", "补班", "班"

or YAML, a mapping ``{2027-01-01: 元旦, 2027-02-20: workday}`` or a list of
``{date: 2027-01-01, name: 元旦}`` entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hotline_qa.core.errors import InputError

# chinese_calendar names holidays in English; these are the names users read.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
_WORKDAY_WORDS = frozenset({"workday", "work", "工作日", "上班", "补班", "班", "调休上班"})
_LINE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(.*?)\s*$")
#: Public holidays fixed by date (《全国年节及纪念日放假办法》, as revised in 2024): rest days in a
#: year without official data too. (month, day) -> name.
FIXED_DATE_HOLIDAYS: dict[tuple[int, int], str] = {
    (1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节", (10, 1): "国庆节", (10, 2): "国庆节", (10, 3): "国庆节"}


class WorkCalendar:
    """Working days in mainland China, with user overrides for dates or unknown years.

    ``overrides`` maps a date to ``(is_workday, holiday_name)``; they win over the
    packaged data. ``warnings`` lists, once per year, where the Mon–Fri fallback was used.
    """

    def __init__(self, overrides: Mapping[date, tuple[bool, str | None]] | None = None) -> None:
        self._overrides: dict[date, tuple[bool, str | None]] = dict(overrides or {})
        self._fallback_years: set[int] = set()
        self._warnings: dict[int, str] = {}
        self._known: dict[date, tuple[bool, str | None] | None] = {}

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> WorkCalendar:
        """A calendar with the holidays and make-up working days of a user file (text or YAML)."""
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"无法读取节假日文件 (cannot read holiday file): {exc}", path=str(p),
                             hint="检查路径和权限") from exc
        if p.suffix.lower() in (".yaml", ".yml"):
            return cls(_parse_yaml(raw, str(p)))
        return cls(_parse_lines(raw.splitlines(), str(p)))

    # -- queries ------------------------------------------------------------------
    @property
    def warnings(self) -> tuple[str, ...]:
        """Messages about years computed without official holiday data."""
        return tuple(self._warnings.values())

    def warnings_for(self, years: Iterable[int]) -> tuple[str, ...]:
        """The warnings about the given years (those that fell back to Monday–Friday)."""
        return tuple(self._warnings[y] for y in sorted(set(years)) if y in self._warnings)

    def is_workday(self, day: date) -> bool:
        """True on a working day (including a make-up working day on a weekend)."""
        day = _as_date(day)
        if day in self._overrides:
            return self._overrides[day][0]
        known = self._packaged(day)
        if known is not None:
            return known[0]
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_DATE_HOLIDAYS

    def is_holiday(self, day: date) -> tuple[bool, str | None]:
        """``(True, "国庆节")`` on a public holiday, ``(True, None)`` on an ordinary rest day
        (weekend), ``(False, None)`` on a working day."""
        day = _as_date(day)
        if day in self._overrides:
            workday, name = self._overrides[day]
            return (False, None) if workday else (True, name)
        known = self._packaged(day)
        if known is not None:
            workday, name = known
            return (False, None) if workday else (True, name)
        fixed = FIXED_DATE_HOLIDAYS.get((day.month, day.day))
        if fixed is not None:
            return (True, fixed)
        return (day.weekday() >= 5, None)

    def holiday_name(self, day: date) -> str | None:
        """The Chinese name of the public holiday on ``day``, or None."""
        return self.is_holiday(day)[1]

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        d = _as_date(day) + timedelta(days=1)
        for _ in range(400):
            if self.is_workday(d):
                return d
            d += timedelta(days=1)
        raise InputError("一年内没有工作日，节假日文件有误 (no working day within a year)",
                         hint="检查节假日文件中的 workday 行")

    def add_workdays(self, when: datetime, n: int) -> datetime:
        """The same clock time on the ``n``-th working day after ``when``'s date.

        ``n == 0`` returns ``when``. A call on Friday with ``n=2`` gives Tuesday (or later
        when holidays intervene); make-up working days on weekends count.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        d = when.date()
        for _ in range(n):
            d = self.next_workday(d)
        return when.replace(year=d.year, month=d.month, day=d.day)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        a, b = _as_date(start), _as_date(end)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_workday(d):
                count += 1
            d += timedelta(days=1)
        return count

    # -- internals ----------------------------------------------------------------
    def _packaged(self, day: date) -> tuple[bool, str | None] | None:
        if day in self._known:
            return self._known[day]
        known = self._lookup(day)
        self._known[day] = known
        return known

    def _lookup(self, day: date) -> tuple[bool, str | None] | None:
        if day.year in self._fallback_years:
            return None
        import chinese_calendar  # imported on first use: a few ms of start-up

        try:
            workday = bool(chinese_calendar.is_workday(day))
            _, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            self._fallback_years.add(day.year)
            self._warnings[day.year] = (
                f"{day.year} 年没有官方节假日数据，按周一至周五计算工作日（元旦、劳动节、国庆节等固定日期的法定假日照放），"
                f"春节等农历节日和调休请用节假日文件补充 (no holiday data for {day.year}: Monday–Friday assumed, less "
                f"the fixed-date public holidays; supply a holiday file for the lunar holidays and make-up days)"
            )
            return None
        if workday:
            return (True, None)
        return (False, HOLIDAY_NAMES_ZH.get(name, name) if name else None)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _entry(label: str) -> tuple[bool, str | None]:
    label = label.strip()
    if label.lower() in _WORKDAY_WORDS:
        return (True, None)
    return (False, label or "节假日")


def _parse_lines(lines: Iterable[str], path: str) -> dict[date, tuple[bool, str | None]]:
    out: dict[date, tuple[bool, str | None]] = {}
    for no, line in enumerate(lines, start=1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        m = _LINE.match(body)
        if not m:
            raise InputError("无法识别的节假日行 (unreadable holiday line)", path=path, line=no,
                             hint="每行写 'YYYY-MM-DD 名称' 或 'YYYY-MM-DD workday'")
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise InputError(f"日期无效 (invalid date): {exc}", path=path, line=no,
                             hint="日期格式为 YYYY-MM-DD") from exc
        out[day] = _entry(m.group(4))
    return out


def _parse_yaml(raw: str, path: str) -> dict[date, tuple[bool, str | None]]:
    import yaml

    try:
        data: Any = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"节假日文件不是有效的 YAML (invalid YAML): {exc}", path=path,
                         line=(mark.line + 1) if mark is not None else None) from exc
    out: dict[date, tuple[bool, str | None]] = {}
    if data is None:
        return out
    items: list[tuple[Any, Any]]
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = []
        for entry in data:
            if not isinstance(entry, dict) or "date" not in entry:
                raise InputError("列表项需要 date 字段 (each entry needs a 'date')", path=path,
                                 field="date", hint="例如 - {date: 2027-01-01, name: 元旦}")
            items.append((entry["date"], entry.get("name", entry.get("type", ""))))
    else:
        raise InputError("节假日文件应为映射或列表 (expected a mapping or a list)", path=path)
    for key, label in items:
        try:
            day = key if isinstance(key, date) else date.fromisoformat(str(key).strip())
        except ValueError as exc:
            raise InputError(f"日期无效 (invalid date): {key!r}", path=path, field=str(key),
                             hint="日期格式为 YYYY-MM-DD") from exc
        out[_as_date(day)] = _entry("" if label is None else str(label))
    return out
