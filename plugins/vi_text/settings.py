"""Defaults of the vi_text plugin (override any ``VI_TEXT_*`` in pelicanconf.py)."""

DEFAULTS = {
    # The portal prints article times as "21-01-2021 13:58" (day first, 24 h).
    "VI_TEXT_DATETIME_FORMAT": "dd-MM-yyyy HH:mm",
    # Long date for lists and headers: "Thứ Năm, 21/01/2021".
    "VI_TEXT_DATE_FORMAT": "EEEE, dd/MM/yyyy",
    # Archive headings: "Tháng 1 năm 2021".
    "VI_TEXT_MONTH_FORMAT": "LLLL 'năm' y",
    "VI_TEXT_LOCALE": "vi",
}
