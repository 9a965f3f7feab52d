// A name as the server compares names (border_map/names.py `normalise`), so that the province box filters by the
// spellings the server's resolver accepts (model/resolve.py: Province.match_keys), sent already normalised.
// Latin loses case, accents, spaces and punctuation ("Si Sa Ket" = "Sisaket"); Thai keeps its marks. Python's
// casefold differs from toLowerCase only where the result is outside a-z (dropped here anyway), but for ß ("ss").
// tests/unit/test_province_box.py runs both on the same tricky names.

const THAI = /[\u0E00-\u0E7F]/;

export function normalise(text) {
  let t = String(text || "").trim().normalize("NFC");
  if (!THAI.test(t)) t = t.normalize("NFKD"); // accents split off, then dropped below with the other marks
  return t.toLowerCase().replace(/ß/g, "ss").replace(/[^0-9a-z\u0E00-\u0E7F]+/g, "");
}

// The options whose spellings hold `typed` (normalised), best first: a spelling equal to it, then one it starts,
// then one it is inside; in the options' own order otherwise. Each option is [key, label, spellings].
export function matching(options, typed) {
  const q = normalise(typed);
  if (!q) return options;
  const ranked = [];
  options.forEach((option, i) => {
    let rank = 3;
    for (const s of option[2]) rank = Math.min(rank, s === q ? 0 : s.startsWith(q) ? 1 : s.includes(q) ? 2 : 3);
    if (rank < 3) ranked.push([rank, i, option]);
  });
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((found) => found[2]);
}
