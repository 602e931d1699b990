#!/usr/bin/env python3
"""Smoke test for the node started by .ci/elasticsearch/node.sh (standard library only).

    python3 .ci/elasticsearch/smoke.py            # checks, then deletes its index
    python3 .ci/elasticsearch/smoke.py --keep     # leaves index "kooperativa-smoke" for poking at
    python3 .ci/elasticsearch/smoke.py --probe    # also lists features this node lacks

Exits non-zero when a check fails. Talks to 127.0.0.1 only (KOOPERATIVA_ES_PORT, default 9200).
"""

import json
import os
import sys
import urllib.error
import urllib.request

BASE = "http://127.0.0.1:%s" % os.environ.get("KOOPERATIVA_ES_PORT", "9200")
INDEX = "kooperativa-smoke"

ANALYSIS = {
    "char_filter": {
        "macedonian_letters": {
            "type": "mapping",
            "mappings": ["ѓ => gj", "ќ => kj", "ѕ => dz", "ѐ => е", "ѝ => и", "Ѓ => Gj", "Ќ => Kj", "Ѕ => Dz"],
        }
    },
    "filter": {
        "regional_stemmer": {"type": "stemmer", "language": "serbian"},
        "folding": {"type": "asciifolding", "preserve_original": True},
        "regional_synonyms": {
            "type": "synonym_graph",
            "synonyms": [
                "kazalište, pozorište, gledališče, театар, позориште",
                "umjetnost, umetnost, уметност",
            ],
        },
        "autocomplete_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "shingles": {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3},
    },
    "analyzer": {
        "regional": {
            "type": "custom",
            "char_filter": ["html_strip", "macedonian_letters"],
            "tokenizer": "standard",
            "filter": ["lowercase", "regional_stemmer", "serbian_normalization", "folding"],
        },
        "regional_search": {
            "type": "custom",
            "char_filter": ["html_strip", "macedonian_letters"],
            "tokenizer": "standard",
            "filter": ["lowercase", "regional_synonyms", "regional_stemmer", "serbian_normalization", "folding"],
        },
        "autocomplete": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "serbian_normalization", "asciifolding", "autocomplete_edge"],
        },
        "suggest_shingles": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "serbian_normalization", "shingles"],
        },
    },
}

MAPPINGS = {
    "properties": {
        "title": {
            "type": "text",
            "analyzer": "regional",
            "search_analyzer": "regional_search",
            "fields": {
                "autocomplete": {"type": "text", "analyzer": "autocomplete", "search_analyzer": "standard"},
                "shingles": {"type": "text", "analyzer": "suggest_shingles"},
                "raw": {"type": "keyword"},
            },
        },
        "body": {"type": "text", "analyzer": "regional", "search_analyzer": "regional_search"},
        "locale": {"type": "keyword"},
        "year": {"type": "integer"},
        "suggest": {"type": "completion"},
    }
}

DOCS = [
    ("1", "sr", "Народно позориште у Београду", "<p>Премијера у <b>позоришту</b> вечерас.</p>", 2024),
    ("2", "hr", "Hrvatsko narodno kazalište", "Večeras premijera u kazalištu, umjetnost i glazba.", 2023),
    ("3", "sl", "Slovensko narodno gledališče", "Premiera v gledališču nocoj.", 2024),
    ("4", "mk", "Македонски народен театар", "Ѓубре, ќерка и ѕвезда во театарот.", 2022),
    ("5", "sr-latn", "Muzej savremene umetnosti", "Izložba savremene umetnosti u muzeju.", 2021),
    ("6", "bs", "Kultura i umjetnost u Sarajevu", "Kulturni program Sarajevo.", 2024),
]

failures = []
passed = []


def call(method, path, body=None, ndjson=None):
    data = None
    headers = {}
    if ndjson is not None:
        data = ndjson.encode("utf-8")
        headers["Content-Type"] = "application/x-ndjson"
    elif body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else {})
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, {"raw": raw.decode("utf-8", "replace")}


def check(label, ok, detail=""):
    print("%s %s%s" % ("ok  " if ok else "FAIL", label, (": " + detail) if detail else ""))
    (passed if ok else failures).append(label)


def tokens(analyzer, text):
    status, body = call("POST", "/%s/_analyze" % INDEX, {"analyzer": analyzer, "text": text})
    if status != 200:
        return ["<error %s: %s>" % (status, json.dumps(body)[:200])]
    return [t["token"] for t in body["tokens"]]


def error_reason(body):
    err = body.get("error", body)
    if isinstance(err, dict):
        root = (err.get("root_cause") or [err])[0]
        return "%s: %s" % (root.get("type"), root.get("reason"))
    return str(err)[:200]


def main():
    keep = "--keep" in sys.argv
    probe = "--probe" in sys.argv
    status, health = call("GET", "/_cluster/health")
    if status != 200:
        print("no node at %s (start it with .ci/elasticsearch/node.sh start)" % BASE)
        return 2
    call("DELETE", "/" + INDEX)
    status, body = call("PUT", "/" + INDEX, {"settings": {"number_of_replicas": 0, "analysis": ANALYSIS}, "mappings": MAPPINGS})
    check("create index with the regional analysis", status == 200, "" if status == 200 else error_reason(body))
    if status != 200:
        return 1

    print("\n== _analyze")
    shown = {}
    for analyzer, text in [
        ("regional", "позориште"),
        ("regional", "pozorište"),
        ("regional", "pozoriste"),
        ("regional", "Култура"),
        ("regional", "kultura"),
        ("regional", "ѓубре ќерка"),
        ("regional", "<p>Народно <b>позориште</b> &amp; kazalište</p>"),
        ("regional_search", "позориште"),
        ("regional_search", "umjetnost"),
        ("autocomplete", "Позориште"),
    ]:
        shown[(analyzer, text)] = tokens(analyzer, text)
        print("  %-16s %-48s -> %s" % (analyzer, json.dumps(text, ensure_ascii=False), shown[(analyzer, text)]))
    r = lambda t: shown[("regional", t)]  # noqa: E731
    check("позориште = pozorište = pozoriste (regional)", r("позориште") == r("pozorište") == r("pozoriste"))
    check("Култура = kultura (regional)", r("Култура") == r("kultura"))
    check("Macedonian ѓ/ќ become Latin", all(t.isascii() for t in r("ѓубре ќерка")) and r("ѓубре ќерка")[0].startswith("gj"))
    html = r("<p>Народно <b>позориште</b> &amp; kazalište</p>")
    check("html stripped", not any(c in "".join(html) for c in "<>&") and "pozorist" in html, str(html))
    syn = shown[("regional_search", "позориште")]
    check("synonyms expand under regional_search", {"kazalist", "gledalisc", "teatar", "pozorist"} <= set(syn), str(syn))
    check("umjetnost ~ umetnost", len(set(shown[("regional_search", "umjetnost")])) == 1)

    print("\n== bulk + search")
    lines = []
    for doc_id, locale, title, body, year in DOCS:
        lines.append(json.dumps({"index": {"_index": INDEX, "_id": doc_id}}))
        lines.append(json.dumps({"title": title, "body": body, "locale": locale, "year": year, "suggest": title.split()}, ensure_ascii=False))
    status, body = call("POST", "/_bulk?refresh=true", ndjson="\n".join(lines) + "\n")
    check("bulk", status == 200 and not body.get("errors"), "%d items" % len(body.get("items", [])))

    def search_ids(text):
        _, found = call("POST", "/%s/_search" % INDEX, {"query": {"multi_match": {"query": text, "fields": ["title^2", "body"]}}})
        return sorted(h["_id"] for h in found.get("hits", {}).get("hits", []))

    # synonym rules match right after lowercase, i.e. before folding: the diacritic-less
    # "pozoriste" is not in the glossary, so it finds only the Serbian doc (stemmed match).
    check("'pozoriste' (not a glossary form) finds the sr doc only", search_ids("pozoriste") == ["1"])
    status, body = call("POST", "/%s/_search" % INDEX, {
        "query": {"multi_match": {"query": "pozorište", "fields": ["title^2", "body"]}},
        "highlight": {"fields": {"title": {}, "body": {}}},
        "aggs": {"by_locale": {"terms": {"field": "locale"}}, "by_year": {"histogram": {"field": "year", "interval": 1}},
                 "avg_year": {"avg": {"field": "year"}}},
    })
    hits = body.get("hits", {}).get("hits", [])
    ids = sorted(h["_id"] for h in hits)
    check("synonym search 'pozorište' finds sr/hr/sl/mk", ids == ["1", "2", "3", "4"], str(ids))
    hl = [frag for h in hits for frags in h.get("highlight", {}).values() for frag in frags]
    check("highlighting", any("<em>" in f for f in hl), hl[0] if hl else "none")
    aggs = body.get("aggregations", {})
    check("terms/histogram/avg aggregations", bool(aggs.get("by_locale", {}).get("buckets")) and bool(aggs.get("by_year", {}).get("buckets")),
          str([(b["key"], b["doc_count"]) for b in aggs.get("by_locale", {}).get("buckets", [])]))

    status, body = call("POST", "/%s/_search" % INDEX, {"query": {"match": {"title.autocomplete": "kaza"}}})
    check("autocomplete 'kaza'", [h["_id"] for h in body.get("hits", {}).get("hits", [])] == ["2"])

    status, body = call("POST", "/%s/_search" % INDEX, {"query": {"more_like_this": {
        "fields": ["title", "body"], "like": [{"_index": INDEX, "_id": "2"}], "min_term_freq": 1, "min_doc_freq": 1}}})
    mlt = [h["_id"] for h in body.get("hits", {}).get("hits", [])]
    check("more_like_this", status == 200 and bool(mlt), str(mlt) if status == 200 else error_reason(body))

    status, body = call("POST", "/%s/_search" % INDEX, {"size": 0, "suggest": {
        "term_s": {"text": "pozoristee umjetnst", "term": {"field": "title", "suggest_mode": "always"}},
        "phrase_s": {"text": "narodno pozorste", "phrase": {
            "field": "title.shingles", "size": 1, "max_errors": 2, "confidence": 0, "gram_size": 3,
            "direct_generator": [{"field": "title.shingles", "suggest_mode": "always", "min_word_length": 3}]}},
        "completion_s": {"prefix": "Kaz", "completion": {"field": "suggest"}},
    }})
    sug = body.get("suggest", {})
    term_opts = [o["text"] for e in sug.get("term_s", []) for o in e["options"]]
    check("term suggester", status == 200 and bool(term_opts), str(term_opts) if status == 200 else error_reason(body))
    phrase_opts = [o["text"] for e in sug.get("phrase_s", []) for o in e["options"]]
    check("phrase suggester corrects 'narodno pozorste'", phrase_opts == ["narodno pozoriste"], str(phrase_opts))
    comp = [o["text"] for e in sug.get("completion_s", []) for o in e["options"]]
    check("completion suggester", bool(comp), str(comp))

    if probe:
        print("\n== what this node lacks (the integ-test-zip has only 4 modules)")
        run_probes()

    if not keep:
        call("DELETE", "/" + INDEX)
    print("\n%d passed, %d failed" % (len(passed), len(failures)))
    return 1 if failures else 0


def run_probes():
    probe_index = INDEX + "-probe"

    def mapping_probe(field_type, extra=None):
        call("DELETE", "/" + probe_index)
        spec = {"type": field_type}
        spec.update(extra or {})
        status, body = call("PUT", "/" + probe_index, {"mappings": {"properties": {"f": spec}}})
        call("DELETE", "/" + probe_index)
        return status == 200, "" if status == 200 else error_reason(body)

    def req_probe(method, path, body=None):
        status, resp = call(method, path, body)
        return status < 300, "" if status < 300 else error_reason(resp)

    probes = [
        ("GET / (rest-root; client.info()/ping())", lambda: req_probe("GET", "/")),
    ]
    for t, extra in [("search_as_you_type", None), ("scaled_float", {"scaling_factor": 10}), ("rank_feature", None),
                     ("rank_features", None), ("token_count", {"analyzer": "standard"}), ("match_only_text", None),
                     ("join", {"relations": {"a": "b"}}), ("percolator", None), ("wildcard", None),
                     ("constant_keyword", None), ("unsigned_long", None), ("version", None), ("flattened", None),
                     ("dense_vector", {"dims": 3}), ("completion", None), ("geo_point", None), ("date", None), ("semantic_text", None),
                     ("icu_collation_keyword", None), ("annotated_text", None), ("murmur3", None)]:
        probes.append(("field type %s" % t, lambda t=t, extra=extra: mapping_probe(t, extra)))
    probes += [
        ("analysis: icu_folding filter", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": ["icu_folding"], "text": "x"})),
        ("analysis: ngram filter (plugin)", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": [{"type": "ngram"}], "text": "xy"})),
        ("analysis: stop _serbian_ (server)", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": [{"type": "stop", "stopwords": "_serbian_"}], "text": "i"})),
        ("analysis: serbian language analyzer", lambda: req_probe("POST", "/_analyze", {"analyzer": "serbian", "text": "x"})),
        ("analysis: english language analyzer", lambda: req_probe("POST", "/_analyze", {"analyzer": "english", "text": "x"})),
        ("analysis: word_delimiter_graph", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": ["word_delimiter_graph"], "text": "x"})),
        ("analysis: pattern_replace filter", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": [{"type": "pattern_replace", "pattern": "a"}], "text": "x"})),
        ("analysis: synonym (non-graph)", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": [{"type": "synonym", "synonyms": ["a, b"]}], "text": "a"})),
        ("analysis: hunspell (server, needs dictionaries)", lambda: req_probe("POST", "/_analyze", {"tokenizer": "standard", "filter": [{"type": "hunspell", "locale": "sr_RS"}], "text": "x"})),
        ("painless: script_score query", lambda: req_probe("POST", "/%s/_search" % INDEX, {"query": {"script_score": {"query": {"match_all": {}}, "script": {"source": "1"}}}})),
        ("painless: update with script", lambda: req_probe("POST", "/%s/_update/1" % INDEX, {"script": {"source": "ctx._source.year += 0"}})),
        ("update with partial doc", lambda: req_probe("POST", "/%s/_update/1" % INDEX, {"doc": {"year": 2024}})),
        ("_update_by_query (reindex module)", lambda: req_probe("POST", "/%s/_update_by_query?conflicts=proceed" % INDEX, {"query": {"match_none": {}}})),
        ("_delete_by_query (reindex module)", lambda: req_probe("POST", "/%s/_delete_by_query" % INDEX, {"query": {"match_none": {}}})),
        ("_reindex", lambda: req_probe("POST", "/_reindex", {"source": {"index": INDEX}, "dest": {"index": INDEX + "-copy"}})),
        ("search templates (lang-mustache)", lambda: req_probe("POST", "/%s/_search/template" % INDEX, {"source": {"query": {"match_all": {}}}})),
        ("ingest pipeline with set processor (ingest-common)", lambda: req_probe("PUT", "/_ingest/pipeline/kooperativa-probe", {"processors": [{"set": {"field": "a", "value": "b"}}]})),
        ("_rank_eval", lambda: req_probe("POST", "/%s/_rank_eval" % INDEX, {"requests": [], "metric": {"precision": {}}})),
        ("agg adjacency_matrix (aggregations module)", lambda: req_probe("POST", "/%s/_search" % INDEX, {"size": 0, "aggs": {"a": {"adjacency_matrix": {"filters": {"x": {"match_all": {}}}}}}})),
        ("agg auto_date_histogram", lambda: req_probe("POST", "/%s/_search" % INDEX, {"size": 0, "aggs": {"a": {"auto_date_histogram": {"field": "year"}}}})),
        ("agg derivative (pipeline aggs)", lambda: req_probe("POST", "/%s/_search" % INDEX, {"size": 0, "aggs": {"h": {"histogram": {"field": "year", "interval": 1}, "aggs": {"d": {"derivative": {"buckets_path": "_count"}}}}}})),
        ("agg composite / significant_terms / top_hits", lambda: req_probe("POST", "/%s/_search" % INDEX, {"size": 0, "aggs": {"c": {"composite": {"sources": [{"l": {"terms": {"field": "locale"}}}]}}, "s": {"significant_terms": {"field": "locale"}}, "t": {"terms": {"field": "locale"}, "aggs": {"top": {"top_hits": {"size": 1}}}}}})),
        ("_count / _mget / _explain / _termvectors", lambda: all_ok([
            req_probe("GET", "/%s/_count" % INDEX), req_probe("POST", "/_mget", {"docs": [{"_index": INDEX, "_id": "1"}]}),
            req_probe("POST", "/%s/_explain/1" % INDEX, {"query": {"match_all": {}}}), req_probe("GET", "/%s/_termvectors/1" % INDEX)])),
        ("point in time + search_after", lambda: req_probe("POST", "/%s/_pit?keep_alive=1m" % INDEX)),
        ("aliases / index templates", lambda: all_ok([req_probe("POST", "/_aliases", {"actions": [{"add": {"index": INDEX, "alias": INDEX + "-alias"}}]}),
                                                      req_probe("PUT", "/_index_template/kooperativa-probe", {"index_patterns": ["kooperativa-probe-*"]}),
                                                      req_probe("DELETE", "/_index_template/kooperativa-probe")])),
        ("_sql / _query (esql)", lambda: req_probe("POST", "/_query", {"query": "FROM %s | LIMIT 1" % INDEX})),
        ("data streams", lambda: req_probe("GET", "/_data_stream")),
    ]
    for label, fn in probes:
        ok, why = fn()
        print("  %-7s %-52s %s" % ("present" if ok else "ABSENT", label, "" if ok else why[:140]))
    call("DELETE", "/_ingest/pipeline/kooperativa-probe")
    call("DELETE", "/" + INDEX + "-copy")


def all_ok(results):
    bad = [why for ok, why in results if not ok]
    return (not bad), "; ".join(bad)


if __name__ == "__main__":
    sys.exit(main())
