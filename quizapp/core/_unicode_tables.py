"""Unicode character classes for folding, as regular-expression classes.

Scanning every code point with ``unicodedata`` at import costs about 0.1 s,
so the classes are generated once and written here. To regenerate,
replace the block from ``UNICODE_VERSION`` to the last ``_CLASS`` with the
output of ``python -m quizapp.core._unicode_tables``. A test checks the classes
still match ``unicodedata`` when the Unicode versions agree.
"""

from __future__ import annotations

import re
import unicodedata


def _ranges(codes: list[int]) -> str:
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -2]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(_escape(start) if start == prev else f"{_escape(start)}-{_escape(prev)}")
        start = prev = code
    return "".join(parts)


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def scan(limit: int = 0x110000) -> dict[str, str]:
    """The classes computed from this Python's ``unicodedata``."""
    found: dict[str, list[int]] = {"MN": [], "PD": [], "P": [], "CF": []}
    for code in range(limit):
        category = unicodedata.category(chr(code))
        if category == "Mn":
            found["MN"].append(code)
        elif category == "Pd":
            found["PD"].append(code)
        elif category[0] == "P":
            found["P"].append(code)
        elif category == "Cf":
            found["CF"].append(code)
    return {name: _ranges(codes) for name, codes in found.items()}


DOCS = {
    "MN": "nonspacing marks (accents)",
    "PD": "dash punctuation (hyphens, dashes)",
    "P": "punctuation other than dashes",
    "CF": "format characters (zero-width, bidi controls)",
}


def render() -> str:
    """The constants block below, from this Python's ``unicodedata``."""
    lines = [f'UNICODE_VERSION = "{unicodedata.unidata_version}"\n']
    for name, cls in scan().items():
        lines.append(f"\n# {DOCS[name]}\n{name}_CLASS = (\n")
        chunk = ""
        for token in re.findall(r"\\u[0-9a-f]{4}|\\U[0-9a-f]{8}|-", cls):
            if len(chunk) + len(token) > 84:
                lines.append(f'    r"{chunk}"\n')
                chunk = ""
            chunk += token
        lines.append(f'    r"{chunk}"\n)\n')
    return "".join(lines)


UNICODE_VERSION = "14.0.0"

# nonspacing marks (accents)
MN_CLASS = (
    r"\u0300-\u036f\u0483-\u0487\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-"
    r"\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711"
    r"\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827"
    r"\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0902\u093a\u093c\u0941-"
    r"\u0948\u094d\u0951-\u0957\u0962-\u0963\u0981\u09bc\u09c1-\u09c4\u09cd\u09e2-\u09e3"
    r"\u09fe\u0a01-\u0a02\u0a3c\u0a41-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71"
    r"\u0a75\u0a81-\u0a82\u0abc\u0ac1-\u0ac5\u0ac7-\u0ac8\u0acd\u0ae2-\u0ae3\u0afa-\u0aff"
    r"\u0b01\u0b3c\u0b3f\u0b41-\u0b44\u0b4d\u0b55-\u0b56\u0b62-\u0b63\u0b82\u0bc0\u0bcd"
    r"\u0c00\u0c04\u0c3c\u0c3e-\u0c40\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63"
    r"\u0c81\u0cbc\u0cbf\u0cc6\u0ccc-\u0ccd\u0ce2-\u0ce3\u0d00-\u0d01\u0d3b-\u0d3c\u0d41-"
    r"\u0d44\u0d4d\u0d62-\u0d63\u0d81\u0dca\u0dd2-\u0dd4\u0dd6\u0e31\u0e34-\u0e3a\u0e47-"
    r"\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f71-\u0f7e"
    r"\u0f80-\u0f84\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102d-\u1030\u1032-\u1037"
    r"\u1039-\u103a\u103d-\u103e\u1058-\u1059\u105e-\u1060\u1071-\u1074\u1082\u1085-\u1086"
    r"\u108d\u109d\u135d-\u135f\u1712-\u1714\u1732-\u1733\u1752-\u1753\u1772-\u1773\u17b4-"
    r"\u17b5\u17b7-\u17bd\u17c6\u17c9-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    r"\u1920-\u1922\u1927-\u1928\u1932\u1939-\u193b\u1a17-\u1a18\u1a1b\u1a56\u1a58-\u1a5e"
    r"\u1a60\u1a62\u1a65-\u1a6c\u1a73-\u1a7c\u1a7f\u1ab0-\u1abd\u1abf-\u1ace\u1b00-\u1b03"
    r"\u1b34\u1b36-\u1b3a\u1b3c\u1b42\u1b6b-\u1b73\u1b80-\u1b81\u1ba2-\u1ba5\u1ba8-\u1ba9"
    r"\u1bab-\u1bad\u1be6\u1be8-\u1be9\u1bed\u1bef-\u1bf1\u1c2c-\u1c33\u1c36-\u1c37\u1cd0-"
    r"\u1cd2\u1cd4-\u1ce0\u1ce2-\u1ce8\u1ced\u1cf4\u1cf8-\u1cf9\u1dc0-\u1dff\u20d0-\u20dc"
    r"\u20e1\u20e5-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302d\u3099-\u309a\ua66f"
    r"\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua825-\ua826\ua82c\ua8c4-"
    r"\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua951\ua980-\ua982\ua9b3\ua9b6-\ua9b9"
    r"\ua9bc-\ua9bd\ua9e5\uaa29-\uaa2e\uaa31-\uaa32\uaa35-\uaa36\uaa43\uaa4c\uaa7c\uaab0"
    r"\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaec-\uaaed\uaaf6\uabe5\uabe8\uabed"
    r"\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-"
    r"\U00010a03\U00010a05-\U00010a06\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f"
    r"\U00010ae5-\U00010ae6\U00010d24-\U00010d27\U00010eab-\U00010eac\U00010f46-\U00010f50"
    r"\U00010f82-\U00010f85\U00011001\U00011038-\U00011046\U00011070\U00011073-\U00011074"
    r"\U0001107f-\U00011081\U000110b3-\U000110b6\U000110b9-\U000110ba\U000110c2\U00011100-"
    r"\U00011102\U00011127-\U0001112b\U0001112d-\U00011134\U00011173\U00011180-\U00011181"
    r"\U000111b6-\U000111be\U000111c9-\U000111cc\U000111cf\U0001122f-\U00011231\U00011234"
    r"\U00011236-\U00011237\U0001123e\U000112df\U000112e3-\U000112ea\U00011300-\U00011301"
    r"\U0001133b-\U0001133c\U00011340\U00011366-\U0001136c\U00011370-\U00011374\U00011438-"
    r"\U0001143f\U00011442-\U00011444\U00011446\U0001145e\U000114b3-\U000114b8\U000114ba"
    r"\U000114bf-\U000114c0\U000114c2-\U000114c3\U000115b2-\U000115b5\U000115bc-\U000115bd"
    r"\U000115bf-\U000115c0\U000115dc-\U000115dd\U00011633-\U0001163a\U0001163d\U0001163f-"
    r"\U00011640\U000116ab\U000116ad\U000116b0-\U000116b5\U000116b7\U0001171d-\U0001171f"
    r"\U00011722-\U00011725\U00011727-\U0001172b\U0001182f-\U00011837\U00011839-\U0001183a"
    r"\U0001193b-\U0001193c\U0001193e\U00011943\U000119d4-\U000119d7\U000119da-\U000119db"
    r"\U000119e0\U00011a01-\U00011a0a\U00011a33-\U00011a38\U00011a3b-\U00011a3e\U00011a47"
    r"\U00011a51-\U00011a56\U00011a59-\U00011a5b\U00011a8a-\U00011a96\U00011a98-\U00011a99"
    r"\U00011c30-\U00011c36\U00011c38-\U00011c3d\U00011c3f\U00011c92-\U00011ca7\U00011caa-"
    r"\U00011cb0\U00011cb2-\U00011cb3\U00011cb5-\U00011cb6\U00011d31-\U00011d36\U00011d3a"
    r"\U00011d3c-\U00011d3d\U00011d3f-\U00011d45\U00011d47\U00011d90-\U00011d91\U00011d95"
    r"\U00011d97\U00011ef3-\U00011ef4\U00016af0-\U00016af4\U00016b30-\U00016b36\U00016f4f"
    r"\U00016f8f-\U00016f92\U00016fe4\U0001bc9d-\U0001bc9e\U0001cf00-\U0001cf2d\U0001cf30-"
    r"\U0001cf46\U0001d167-\U0001d169\U0001d17b-\U0001d182\U0001d185-\U0001d18b\U0001d1aa-"
    r"\U0001d1ad\U0001d242-\U0001d244\U0001da00-\U0001da36\U0001da3b-\U0001da6c\U0001da75"
    r"\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf\U0001e000-\U0001e006\U0001e008-"
    r"\U0001e018\U0001e01b-\U0001e021\U0001e023-\U0001e024\U0001e026-\U0001e02a\U0001e130-"
    r"\U0001e136\U0001e2ae\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6\U0001e944-\U0001e94a"
    r"\U000e0100-\U000e01ef"
)

# dash punctuation (hyphens, dashes)
PD_CLASS = (
    r"\u002d\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a-\u2e3b\u2e40\u2e5d"
    r"\u301c\u3030\u30a0\ufe31-\ufe32\ufe58\ufe63\uff0d\U00010ead"
)

# punctuation other than dashes
P_CLASS = (
    r"\u0021-\u0023\u0025-\u002a\u002c\u002e-\u002f\u003a-\u003b\u003f-\u0040\u005b-\u005d"
    r"\u005f\u007b\u007d\u00a1\u00a7\u00ab\u00b6-\u00b7\u00bb\u00bf\u037e\u0387\u055a-"
    r"\u055f\u0589\u05c0\u05c3\u05c6\u05f3-\u05f4\u0609-\u060a\u060c-\u060d\u061b\u061d-"
    r"\u061f\u066a-\u066d\u06d4\u0700-\u070d\u07f7-\u07f9\u0830-\u083e\u085e\u0964-\u0965"
    r"\u0970\u09fd\u0a76\u0af0\u0c77\u0c84\u0df4\u0e4f\u0e5a-\u0e5b\u0f04-\u0f12\u0f14"
    r"\u0f3a-\u0f3d\u0f85\u0fd0-\u0fd4\u0fd9-\u0fda\u104a-\u104f\u10fb\u1360-\u1368\u166e"
    r"\u169b-\u169c\u16eb-\u16ed\u1735-\u1736\u17d4-\u17d6\u17d8-\u17da\u1800-\u1805\u1807"
    r"-\u180a\u1944-\u1945\u1a1e-\u1a1f\u1aa0-\u1aa6\u1aa8-\u1aad\u1b5a-\u1b60\u1b7d-"
    r"\u1b7e\u1bfc-\u1bff\u1c3b-\u1c3f\u1c7e-\u1c7f\u1cc0-\u1cc7\u1cd3\u2016-\u2027\u2030-"
    r"\u2043\u2045-\u2051\u2053-\u205e\u207d-\u207e\u208d-\u208e\u2308-\u230b\u2329-\u232a"
    r"\u2768-\u2775\u27c5-\u27c6\u27e6-\u27ef\u2983-\u2998\u29d8-\u29db\u29fc-\u29fd\u2cf9"
    r"-\u2cfc\u2cfe-\u2cff\u2d70\u2e00-\u2e16\u2e18-\u2e19\u2e1b-\u2e2e\u2e30-\u2e39\u2e3c"
    r"-\u2e3f\u2e41-\u2e4f\u2e52-\u2e5c\u3001-\u3003\u3008-\u3011\u3014-\u301b\u301d-"
    r"\u301f\u303d\u30fb\ua4fe-\ua4ff\ua60d-\ua60f\ua673\ua67e\ua6f2-\ua6f7\ua874-\ua877"
    r"\ua8ce-\ua8cf\ua8f8-\ua8fa\ua8fc\ua92e-\ua92f\ua95f\ua9c1-\ua9cd\ua9de-\ua9df\uaa5c-"
    r"\uaa5f\uaade-\uaadf\uaaf0-\uaaf1\uabeb\ufd3e-\ufd3f\ufe10-\ufe19\ufe30\ufe33-\ufe52"
    r"\ufe54-\ufe57\ufe59-\ufe61\ufe68\ufe6a-\ufe6b\uff01-\uff03\uff05-\uff0a\uff0c\uff0e-"
    r"\uff0f\uff1a-\uff1b\uff1f-\uff20\uff3b-\uff3d\uff3f\uff5b\uff5d\uff5f-\uff65"
    r"\U00010100-\U00010102\U0001039f\U000103d0\U0001056f\U00010857\U0001091f\U0001093f"
    r"\U00010a50-\U00010a58\U00010a7f\U00010af0-\U00010af6\U00010b39-\U00010b3f\U00010b99-"
    r"\U00010b9c\U00010f55-\U00010f59\U00010f86-\U00010f89\U00011047-\U0001104d\U000110bb-"
    r"\U000110bc\U000110be-\U000110c1\U00011140-\U00011143\U00011174-\U00011175\U000111c5-"
    r"\U000111c8\U000111cd\U000111db\U000111dd-\U000111df\U00011238-\U0001123d\U000112a9"
    r"\U0001144b-\U0001144f\U0001145a-\U0001145b\U0001145d\U000114c6\U000115c1-\U000115d7"
    r"\U00011641-\U00011643\U00011660-\U0001166c\U000116b9\U0001173c-\U0001173e\U0001183b"
    r"\U00011944-\U00011946\U000119e2\U00011a3f-\U00011a46\U00011a9a-\U00011a9c\U00011a9e-"
    r"\U00011aa2\U00011c41-\U00011c45\U00011c70-\U00011c71\U00011ef7-\U00011ef8\U00011fff"
    r"\U00012470-\U00012474\U00012ff1-\U00012ff2\U00016a6e-\U00016a6f\U00016af5\U00016b37-"
    r"\U00016b3b\U00016b44\U00016e97-\U00016e9a\U00016fe2\U0001bc9f\U0001da87-\U0001da8b"
    r"\U0001e95e-\U0001e95f"
)

# format characters (zero-width, bidi controls)
CF_CLASS = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-"
    r"\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-"
    r"\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)


ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class CharClass:
    """A character class that is fast on the common case of text without astral characters.

    ``re`` tests a character against every range outside the Basic
    Multilingual Plane one by one, which makes a big class slow; text whose
    characters are all in the BMP is matched with the BMP ranges only.
    """

    def __init__(self, ranges: str) -> None:
        bmp = "".join(re.findall(r"\\u[0-9a-f]{4}-\\u[0-9a-f]{4}|\\u[0-9a-f]{4}(?!-)", ranges))
        self.bmp = re.compile("[" + bmp + "]")
        self.full = re.compile("[" + ranges + "]")

    def pattern(self, text: str) -> re.Pattern[str]:
        return self.full if ASTRAL.search(text) else self.bmp

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern(text).sub(replacement, text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern(text).search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern(text).match(text)


MN = CharClass(MN_CLASS)
PD = CharClass(PD_CLASS + r"\u2212")
P = CharClass(P_CLASS)
CF = CharClass(CF_CLASS)

if __name__ == "__main__":  # pragma: no cover - maintenance tool
    print(render(), end="")
