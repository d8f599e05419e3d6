"""China's working-day calendar, with make-up days and a fallback for unknown years."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hotline_qa.analyzers.workdays import WorkCalendar
from hotline_qa.core.errors import InputError

CST = timezone(timedelta(hours=8))


def test_public_holidays_and_make_up_working_days_2026() -> None:
    cal = WorkCalendar()
    assert cal.is_holiday(date(2026, 10, 1)) == (True, "国庆节")
    assert cal.is_holiday(date(2026, 2, 17)) == (True, "春节")
    assert not cal.is_workday(date(2026, 10, 1))
    # Sunday 20 September 2026 is a make-up working day for National Day
    assert date(2026, 9, 20).weekday() == 6
    assert cal.is_workday(date(2026, 9, 20))
    assert cal.is_holiday(date(2026, 9, 20)) == (False, None)
    # an ordinary weekend: a rest day without a holiday name
    assert cal.is_holiday(date(2026, 3, 7)) == (True, None)
    assert cal.holiday_name(date(2026, 3, 7)) is None
    assert cal.warnings == ()


def test_add_workdays_skips_the_national_day_week() -> None:
    cal = WorkCalendar()
    wed = datetime(2026, 9, 30, 15, 0, tzinfo=CST)
    assert cal.add_workdays(wed, 1) == datetime(2026, 10, 8, 15, 0, tzinfo=CST)
    assert cal.add_workdays(wed, 2) == datetime(2026, 10, 9, 15, 0, tzinfo=CST)
    assert cal.add_workdays(wed, 0) == wed
    # Friday 9 Oct -> Saturday 10 Oct is a make-up working day
    assert cal.add_workdays(datetime(2026, 10, 9, 9, 0, tzinfo=CST), 1).date() == date(2026, 10, 10)
    assert cal.workdays_between(date(2026, 9, 30), date(2026, 10, 10)) == 3


def test_unknown_year_falls_back_to_weekdays_and_warns() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(date(2030, 1, 7))  # a Monday
    assert not cal.is_workday(date(2030, 1, 5))  # a Saturday
    assert len(cal.warnings) == 1 and "2030" in cal.warnings[0]
    cal.is_workday(date(2030, 1, 8))
    assert len(cal.warnings) == 1  # once per year
    assert cal.warnings_for([2030]) == cal.warnings
    assert cal.warnings_for([2026]) == ()


def test_text_holiday_file_for_an_unknown_year(tmp_path: Path) -> None:
    f = tmp_path / "holidays.txt"
    f.write_text("# 2030 元旦\n2030-01-01 元旦\n2030-01-05 workday  # 调休\n\n", encoding="utf-8")
    cal = WorkCalendar.from_file(f)
    assert cal.is_holiday(date(2030, 1, 1)) == (True, "元旦")
    assert cal.is_workday(date(2030, 1, 5))
    # Monday 31 Dec 2029 + 1 working day skips the holiday on Tuesday
    assert cal.add_workdays(datetime(2029, 12, 31, 10, tzinfo=CST), 1).date() == date(2030, 1, 2)


def test_yaml_holiday_file(tmp_path: Path) -> None:
    f = tmp_path / "holidays.yaml"
    f.write_text("2030-10-01: 国庆节\n2030-09-29: 班\n", encoding="utf-8")
    cal = WorkCalendar.from_file(f)
    assert cal.is_holiday(date(2030, 10, 1)) == (True, "国庆节")
    assert cal.is_workday(date(2030, 9, 29))
    g = tmp_path / "list.yml"
    g.write_text("- {date: 2030-05-01, name: 劳动节}\n", encoding="utf-8")
    assert WorkCalendar.from_file(g).holiday_name(date(2030, 5, 1)) == "劳动节"


def test_bad_holiday_file_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_text("2030-01-01 元旦\n1 月 1 日 元旦\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        WorkCalendar.from_file(f)
    assert err.value.line == 2 and err.value.path == str(f)
    with pytest.raises(InputError):
        WorkCalendar.from_file(tmp_path / "missing.txt")


def test_unknown_year_keeps_the_public_holidays_fixed_by_date() -> None:
    # field call 154: 1 January 2027, a Friday, before any official 2027 arrangement was packaged
    cal = WorkCalendar()
    assert cal.is_holiday(date(2030, 1, 1)) == (True, "元旦")
    assert not cal.is_workday(date(2030, 1, 1))  # a Tuesday
    assert cal.is_holiday(date(2030, 5, 2)) == (True, "劳动节")
    assert cal.is_holiday(date(2030, 10, 3)) == (True, "国庆节")
    # the days around them stay ordinary working days (make-up days need the holiday file)
    assert cal.is_holiday(date(2030, 1, 2)) == (False, None)
    assert cal.is_workday(date(2030, 10, 8))
    assert cal.add_workdays(datetime(2029, 12, 31, 10, tzinfo=CST), 1).date() == date(2030, 1, 2)
    # a holiday file still wins: a year that makes 1 January a working day is believed
    assert WorkCalendar({date(2030, 1, 1): (True, None)}).is_workday(date(2030, 1, 1))
