"""Link policy: links and bare domains, the allowlist, and invitations to outside groups."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TypedDict

from chalicelib.domain.moderation.lexicon import trie_regex
from chalicelib.domain.moderation.normalise import overlaps

_TRAILING = ".,;:!?)]}'\""


@dataclass(frozen=True, slots=True)
class Link:
    """A link found in folded text: its span, and whether it is allowed or an invitation."""

    start: int
    end: int
    allowed: bool
    invite: bool
    # Not allowed, and a platform's name is a whole part of its host (`own_names`), or a
    # brand's name is and the host is none of the brand's (`brands`).
    imitation: bool = False
    # Not allowed, and its host names itself after money, bargains or luck (`bait`).
    bait: bool = False
    # Round 40 (blind38 read): written one character at a time ("g e t r i c h n o w . x y z").
    spaced: bool = False


class LinkData(TypedDict):
    """The lists in data/links.json (its `_comment` explains them)."""

    allowed: list[str]
    invites: list[str]
    tlds: list[str]
    tlds_with_path: list[str]
    own_names: list[str]
    bait: list[str]
    bait_inside: list[str]
    brands: dict[str, list[str]]


# Every part of this pattern may be empty, so it matches any address.
_ADDRESS_RE = re.compile(r"([^/?#:]*)[:\d]*([/?#]?)(.*)")


@lru_cache(maxsize=1)
def link_data() -> LinkData:
    """data/links.json: the default allowlist, invitation hosts and domain endings."""
    raw = resources.files(__package__).joinpath("data", "links.json").read_text("utf-8")
    data: LinkData = json.loads(raw)
    return data


def default_allowed_links() -> tuple[str, ...]:
    """Map links and the platform's own domains (data/links.json `allowed`)."""
    return tuple(link_data()["allowed"])


def _by_host(entries: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Entries `host` or `host/path-prefix` as the path prefixes of each host."""
    paths: dict[str, list[str]] = {}
    for entry in entries:
        host, _, path = entry.partition("/")
        paths.setdefault(host, []).append(path)
    return {host: tuple(prefixes) for host, prefixes in paths.items()}


def _listed(host: str, path: str, by_host: dict[str, tuple[str, ...]]) -> bool:
    """Whether `host/path` falls under an entry (see `_by_host`) of the host itself or of a
    domain it belongs to ("maps.google.com" under "google.com"): the host and what follows
    each of its dots are looked up, instead of every entry tried in turn."""
    while True:
        prefixes = by_host.get(host)
        if prefixes is not None and path.startswith(prefixes):
            return True
        dot = host.find(".")
        if dot < 0:
            return False
        host = host[dot + 1:]


class LinkPolicy:
    """Finds links; those not on the allowlist are held for review by the caller."""

    def __init__(self, allowed: Iterable[str] | None = None,
                 invites: Iterable[str] | None = None) -> None:
        data = link_data()
        allowed = default_allowed_links() if allowed is None else allowed
        self.allowed = tuple(entry.lower().removeprefix("www.") for entry in allowed)
        self.invites = tuple(data["invites"] if invites is None else invites)
        self._allowed_by_host = _by_host(self.allowed)
        self._invites_by_host = _by_host(self.invites)
        # The platform's names, as far as its own domains are allowed here.
        self._own_names = frozenset(
            name for name in data["own_names"]
            if any(name in _HOST_PART_RE.split(entry.partition("/")[0]) for entry in self.allowed))
        self._brands = {name: _by_host(domains) for name, domains in data["brands"].items()}
        self._bait = frozenset(data["bait"])
        self._bait_inside = tuple(data["bait_inside"])
        # Domains a host with digits for letters may be read as (see `_imitates`).
        self._known = _by_host([entry.partition("/")[0] for entry in self.allowed]
                               + [domain for domains in data["brands"].values()
                                  for domain in domains])
        # `(?<![@a-z0-9.\-])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+`, written from its first
        # character on (the lookbehind after it), and a word without a dot right after it
        # is left at once instead of backtracked over letter by letter.
        host = (r"[a-z0-9](?<![@a-z0-9.\-][a-z0-9])(?=[a-z0-9\-]*\.)(?:[a-z0-9\-]*[a-z0-9])?\."
                r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)*")
        anywhere = trie_regex(data["tlds"])
        with_path = trie_regex(data["tlds_with_path"])
        self._link_re = re.compile(
            r"(?:https?://|www\.)[^\s<>\"]+"
            rf"|{host}(?:{anywhere})(?![a-z0-9\-@])(?:[/?#][^\s<>\"]*)?"
            rf"|{host}(?:{with_path})/[^\s<>\"]*"
        )
        # Without a scheme or `www.`, a link has a letter or digit, a dot and the first
        # letter of an ending ("x.co"): most texts with a dot (sentences, prices) lack it,
        # and this search is much cheaper than the pattern above.
        firsts = sorted({ending[0] for ending in [*data["tlds"], *data["tlds_with_path"]]})
        # (Looked for from the dot, which the regex engine skips to.)
        self._bare_domain_re = re.compile(r"\.(?<=[a-z0-9]\.)[" + re.escape("".join(firsts)) + "]")
        # A link with its dot disguised: bracketed ("discord(.)gg/x", "site[dot]com"), or
        # spaced or spelled out and then followed by a path ("discord . gg / x", "bit dot ly
        # slash x", "leetchi point com slash x"): no sentence writes a domain ending then
        # "slash".
        every = trie_regex([*data["tlds"], *data["tlds_with_path"]])
        label = r"(?<![@a-z0-9.\-])(?P<host>[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)"
        path = r"\s*(?:/|\bslash\b)\s*(?P<path>[a-z0-9][^\s<>\"]*)"
        # A name that cannot be a word of the sentence: a hyphen or a digit in it.
        coined = r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]*\d[a-z0-9]*[a-z][a-z0-9]*"

        def coined_any_ending(dot: str) -> str:
            """A coined name, a spelled-out dot (`dot`), then any ending, without a path."""
            return (rf"(?<![@a-z0-9.\-])(?P<host>{coined})"
                    rf"\s+{dot}\s+(?P<tld>{anywhere})(?![a-z0-9\-@.])(?P<path>)")

        self._spelled_res = (
            # Round 55 (blind53 read): "www" spaced, or a spaced dot after it, then names and an
            # ending apart by dots ("w w w . cheapliftz . co . uk"): no sentence starts so.
            re.compile(r"(?<![a-z0-9])(?:w w w\s*\.\s*|w ?w ?w(?:\s+\.\s*|\.\s+))"
                       r"(?P<host>[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
                       r"(?:\s*\.\s*[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*)"
                       rf"\s*\.\s*(?P<tld>{every})(?![a-z0-9\-@])(?:{path})?"),
            # Round 47 (blind45 read): a scheme, spaced or not, then a name and a spaced dot
            # before an ending ("h t t p s : / / slimteapro . shop"): no sentence writes that.
            re.compile(r"(?<![a-z0-9])h ?t ?t ?p ?s? ?: ?/ ?/ ?(?:w ?w ?w ?\. ?)?"
                       r"(?P<host>[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)(?:\s+\.\s*|\s*\.\s+)"
                       rf"(?P<tld>{every})(?![a-z0-9\-@])(?:{path})?"),
            # Round 13: two spelled-out dots or more ("vigicrues point gouv point fr"): no
            # sentence says "point" twice around single words before a domain ending. Round 79
            # (blind78 read): not after a word that corrects an ending ("…, dot com not dot co
            # dot uk": no host is named "not").
            re.compile(r"(?<![@a-z0-9.\-])(?!(?:not|pas|non|and|or|et|ou|but|mais)\s)"
                       r"(?P<host>[a-z0-9\-]+(?:\s+(?:dot|point)\s+[a-z0-9\-]+)+)"
                       rf"\s+(?:dot|point)\s+(?P<tld>{anywhere})(?![a-z0-9\-@.])(?:{path})?"),
            re.compile(rf"{label}\s*[\[(]\s*(?:\.|dot|point)\s*[\])]\s*(?P<tld>{every})"
                       rf"(?![a-z0-9\-@])(?:{path})?"),
            re.compile(rf"{label}(?:\s+\.\s*|\s*\.\s+)(?P<tld>{anywhere}){path}"),
            re.compile(rf"{label}\s+(?:dot|point)\s+(?P<tld>{every}){path}"),
            # Round 12: a spelled-out dot without a path, where the name cannot be a word of
            # the sentence (a hyphen or a digit in it: "bonus-essence POINT fr", "cars4u dot
            # com") and the ending is a common one that ends the clause.
            # Round 13: ... or a spaced dot ("gains-faciles . fr (enlève les espaces)").
            re.compile(rf"(?<![@a-z0-9.\-])(?P<host>{coined})"
                       r"(?:\s+(?:dot|point)\s+|\s+\.\s*|\s*\.\s+)"
                       r"(?P<tld>com|fr|net|org|io|be|ch|ca|info|biz|shop|xyz|online|site)"
                       r"(?![a-z0-9\-@.])(?!\s+[a-z])(?P<path>)"),
            # Round 26 (blind24 read): the English "dot" before any ending, words after it
            # ("check tulipfields-lisse dot nl for the opening hours"): "dot" is no word of a
            # sentence there.
            re.compile(coined_any_ending("dot")),
            # Round 32 (blind30 read): "point" before any ending, then where to type it ("tape
            # piton-live point re dans ton navigateur").
            re.compile(coined_any_ending("point")
                       + r"(?=\s+(?:dans|sur|in|into|on)\s+(?:ton|votre|le|your|the|a)\s+"
                       r"(?:navigateur|browser|moteur de recherche|search bar|barre))"),
        )
        # Round 13: a bare domain whose name holds a hyphen or a digit under an ending that is
        # also a word ("premio-ya.es", "promo24.de", "cars4u.it"), ending its clause:
        # "Saint-Malo.Ma sœur" (a full stop without its space) goes on with a word.
        self._coined_re = re.compile(
            rf"(?<![@a-z0-9.\-])(?:{coined}|[a-z]+\d+)"
            rf"\.(?:{with_path})(?![a-z0-9\-@.])(?!\s*[a-z])"
        )

    def find(self, folded: str, exclude: Iterable[tuple[int, int]] = ()) -> list[Link]:
        """Links in folded text, skipping the `exclude` spans (e-mail addresses)."""
        skip = list(exclude)
        links = self._spelled(folded, skip) if _may_be_spelled(folded) else []
        if "." not in folded:
            return links
        if ("://" not in folded and "www." not in folded
                and self._bare_domain_re.search(folded) is None):
            return links
        skip += [(link.start, link.end) for link in links]
        for match in self._link_re.finditer(folded):
            start, end = match.start(), match.end()
            if overlaps(start, end, skip):
                continue
            text = match.group().rstrip(_TRAILING)
            end = start + len(text)
            address = re.sub(r"^[a-z]+://", "", text).removeprefix("www.")
            host, _, path = _split(address)
            links.append(self._link(start, end, host, path))
            skip.append((start, end))
        for match in self._coined_re.finditer(folded):
            if not overlaps(match.start(), match.end(), skip):
                host, _, path = _split(match.group())
                links.append(self._link(match.start(), match.end(), host, path))
        return sorted(links, key=lambda link: link.start)

    def _link(self, start: int, end: int, host: str, path: str) -> Link:
        """The link at `start:end`, judged by its host and path against the lists."""
        allowed = _listed(host, path, self._allowed_by_host)
        return Link(start, end, allowed=allowed,
                    invite=_listed(host, path, self._invites_by_host),
                    imitation=not allowed and self._imitates(host),
                    bait=not allowed and self._baits(host))

    def _baits(self, host: str) -> bool:
        """Whether a host, its ending set aside, names itself after money, bargains or luck:
        a word of `bait` as a whole part ("quick-cash-drivers.com"), or one of `bait_inside`
        within a part ("cheapfones.shop")."""
        if _listed(host, "", self._known):
            return False  # a brand's own domain ("cash.app"): the brand, not a pitch
        parts = _HOST_PART_RE.split(host)[:-1]
        return not self._bait.isdisjoint(parts) or any(
            word in part for part in parts for word in self._bait_inside)

    def _imitates(self, host: str) -> bool:
        """Whether a host holds the platform's name, or a brand's name while it belongs to
        none of the brand's domains, as a whole part; or, written with digits for letters,
        reads as such a host or as a domain of the allowlist or of a brand ("paypa1.com")."""
        if self._named(host):
            return True
        if not any(char.isdigit() for char in host):
            return False
        for table in _DIGITS_AS_LETTERS:
            plain = host.translate(table)
            if plain != host and (self._named(plain) or _listed(plain, "", self._known)):
                return True
        return False

    def _named(self, host: str) -> bool:
        """Whether a host holds the platform's name, or a brand's name while it belongs to
        none of the brand's domains, as a whole part."""
        parts = _HOST_PART_RE.split(host)
        if not self._own_names.isdisjoint(parts):
            return True
        return any(not _listed(host, "", domains)
                   for domains in map(self._brands.get, parts) if domains is not None)

    def _spelled(self, folded: str, skip: list[tuple[int, int]]) -> list[Link]:
        """Links whose dot is bracketed, spaced or spelled out (see `_spelled_res`)."""
        links: list[Link] = []
        for match in _SPACED_RE.finditer(folded):
            # "e n t r a i d e - v e r i f . c o m": a link written one character at a time.
            written = match.group()
            joined = written.replace(" ", "")
            head, _, last = written.rpartition(" ")
            if len(last) > 1 and not head.endswith("/") and not self._link_re.fullmatch(joined):
                # Round 40: the word after it is no path ("… f a s t . c o m honestly").
                written, joined = head, head.replace(" ", "")
            end = match.start() + len(written)
            if "." in joined and self._link_re.fullmatch(joined) and not overlaps(
                match.start(), end, skip
            ) and not _AFTER_AT_RE.search(folded, max(0, match.start() - 12), match.start()):
                address = joined.removeprefix("www.")
                host, _, path = _split(address)
                links.append(replace(self._link(match.start(), end, host, path), spaced=True))
        taken = skip + [(link.start, link.end) for link in links]
        for regex in self._spelled_res:
            # A regex's own matches never overlap: only the spans found before it are tested.
            earlier = list(taken)
            for match in regex.finditer(folded):
                start, end = match.start(), match.end()
                if earlier and overlaps(start, end, earlier):
                    continue
                taken.append((start, end))
                end = start + len(match.group().rstrip(_TRAILING))
                host = _SPACED_DOT_RE.sub(".", _SPELLED_DOT_RE.sub(".", match.group("host")))
                host = f"{host}.{match.group('tld')}"
                path = (match.group("path") or "").rstrip(_TRAILING)
                link = self._link(start, end, host, path)
                # A scheme or "www" written one character at a time, or "www" before spaced
                # dots, is as disguised as a link written so; round 57 (blind55 read): so is a
                # link followed by how to undo its spacing ("billets-foot-pas-cher . fr (sans
                # les espaces)"), but for a messenger's invite, reviewed as such.
                links.append(replace(link, spaced=True) if match.group().startswith(
                    ("h t t p", "w w w", "www ", "www.")) or (
                    _UNSPACE_RE.match(folded, end) and not link.invite) else link)
        return sorted(links, key=lambda link: link.start)


_HOST_PART_RE = re.compile(r"[.\-]+")
# Digits written for letters in a host, "1" read as "i" ("b1t.ly") or "l" ("paypa1").
_DIGITS_AS_LETTERS = (str.maketrans("0134578", "oieastb"), str.maketrans("0134578", "oleastb"))


# Characters written one at a time, among them a dot ("e n t r a i d e . c o m"); round 29
# (blind27 read): its scheme's colon too, and a path typed whole after them ("h t t p s : / /
# b i t . l y / bonus-covoit-500").
_SPACED_RE = re.compile(
    r"(?<![a-z0-9])(?:h t t p (?:s )?: )?(?:[a-z0-9.\-/] ){5,}[a-z0-9][a-z0-9\-_]*(?![a-z0-9])")


# ... unless an "@" comes just before it: then it is an address's domain ("lea (a) f r e e . f r").
_AFTER_AT_RE = re.compile(r"(?:@|\(a\)|\[a\]|\(at\)|\[at\]|\bat|arob[a-z]*|\bchez)\s*\Z")


# A hyphenated or digit-holding name before a spelled-out dot (see `_spelled_res`).
_SPELLED_PLAIN_RE = re.compile(r"(?:-|\d)[a-z0-9]*\s+(?:dot|point)\s+[a-z]")


# A spelled-out dot, an ending and a path ("leboncoin point fr / ameublement").
_SPELLED_PATH_RE = re.compile(r" (?:dot|point) [a-z]{2,}\s*/\s*[a-z0-9]")
# Two spelled-out dots around one word ("vigicrues point gouv point fr").
_SPELLED_TWICE_RE = re.compile(r"\b(?:dot|point)\s+[a-z0-9\-]+\s+(?:dot|point)\s+[a-z]")
_SPELLED_DOT_RE = re.compile(r"\s+(?:dot|point)\s+")
_SPACED_DOT_RE = re.compile(r"\s*\.\s*")
_SPACE_BEFORE_DOT_RE = re.compile(r" \.[a-z]")
# Said right after a link: how to put it back together.
_UNSPACE_RE = re.compile(
    r"[\s,.;:(\[-]*(?:sans (?:les )?espaces?|enleve(?:z)? (?:les )?espaces?|retire(?:z)? (?:les )?"
    r"espaces?|colle(?:z)? (?:tout|les mots)|remove (?:the )?spaces?|without (?:the )?spaces?"
    r"|no spaces?|close (?:the )?gaps?)\b")


_BRACKETED_DOT_RE = re.compile(r"[\[(]\s*(?:\.|dot|point)\s*[\])]")


def _may_be_spelled(folded: str) -> bool:
    """A cheap test before `_spelled_res`: a spaced or spelled-out dot before a path, or a
    bracketed one (brackets are rare: the regex runs only when there is one)."""
    # Round 58 (blind56 read): or a space before the dot only, an ending after it
    # ("lafourchette-covoit .fr"; not "bon ... ok").
    return ("slash" in folded or " . " in folded or ". /" in folded
            or (" ." in folded and _SPACE_BEFORE_DOT_RE.search(folded) is not None)
            or ((" dot " in folded or " point " in folded)
                # Round 82 (blind81 read): or a path after it, its slash spaced or not
                # ("leboncoin point fr / ameublement / 2481736592").
                and (("/" in folded and _SPELLED_PATH_RE.search(folded) is not None)
                     or _SPELLED_PLAIN_RE.search(folded) is not None
                     or _SPELLED_TWICE_RE.search(folded) is not None))
            or (("(" in folded or "[" in folded) and _BRACKETED_DOT_RE.search(folded) is not None))


def _split(address: str) -> tuple[str, str, str]:
    """`host`, the separator and the path (without its leading `/`)."""
    match = _ADDRESS_RE.match(address)
    if match is None:
        raise AssertionError(f"the address pattern always matches, not here: {address!r}")
    return match.group(1), match.group(2), match.group(3)
