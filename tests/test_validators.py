"""Pure validators: no database."""

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from gongzhi.core.masking import mask_id_last4, mask_name, mask_phone
from gongzhi.core.validators import validate_area_code, validate_id_number, validate_phone
from tests.idnumbers import make_id


def test_valid_id_is_normalised():
    number = make_id(dt.date(1985, 2, 3), 7, "F")
    assert validate_id_number(" " + number.lower() + " ") == number


def test_full_width_digits_are_read_as_ascii():
    number = make_id(dt.date(1985, 2, 3), 7, "M")
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert validate_id_number(full_width) == number


def test_unfamiliar_region_prefix_is_not_an_error():
    # 999999 is no region code at all; old and renamed codes stay in use.
    number = make_id(dt.date(1970, 1, 1), 3, "M", prefix="999999")
    assert validate_id_number(number) == number


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "id_shape"),
        ("51142319850203001", "id_shape"),
        ("5114231985020300AX", "id_shape"),
        ("511423198502300010", "id_birth"),  # 30 February
        ("511423209901010010", "id_birth"),  # born in the future
    ],
)
def test_bad_ids_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as info:
        validate_id_number(value)
    assert info.value.error_list[0].code == code


@settings(max_examples=300, deadline=None)
@given(
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
    seq=st.integers(0, 498),
    position=st.integers(0, 16),
    delta=st.integers(1, 9),
)
def test_any_single_digit_error_is_caught(birth, seq, position, delta):
    number = make_id(birth, seq)
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    mutated = "".join(digits)
    with pytest.raises(ValidationError):
        validate_id_number(mutated)


@settings(max_examples=300, deadline=None)
@given(
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)), seq=st.integers(0, 498)
)
def test_agrees_with_stdnum_on_valid_numbers(birth, seq):
    number = make_id(birth, seq)
    # stdnum also checks the region against its list; gongzhi deliberately does not.
    assert ric.calc_check_digit(number) == number[-1]
    assert validate_id_number(number) == number


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text):
    with contextlib.suppress(ValidationError):
        validate_id_number(text)


def test_phone_forms():
    assert validate_phone("+86 138-0013-8000") == "13800138000"
    assert validate_phone("008613800138000") == "13800138000"
    for bad in ("12800138000", "1380013800", "abc", "23800138000"):
        with pytest.raises(ValidationError):
            validate_phone(bad)


def test_area_codes():
    assert validate_area_code("511423101201") == "511423101201"
    for bad in ("51142310120", "001423101201", "510000101201", "51142310120a"):
        with pytest.raises(ValidationError):
            validate_area_code(bad)


def test_masks():
    assert mask_id_last4("123X") == "**************123X"
    assert mask_phone("13800138000") == "138****8000"
    # A name: the surname and two stars, whatever its length (the length would narrow it down).
    assert mask_name("张三") == "张**"
    assert mask_name("欧阳娜娜") == "欧**"
    assert mask_name(" 王五 ") == "王**"
    assert mask_name("") == ""


def test_published_example_from_gb11643():
    assert validate_id_number("11010519491231002X") == "11010519491231002X"
    with pytest.raises(ValidationError):
        validate_id_number("110105194912310021")
