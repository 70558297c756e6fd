/* The rendered-page cache (src/web/page_cache.c): an entry is found only
 * under its key and version, comes back with the stored nonce replaced in
 * the body and the headers, stays within the memory limit by dropping the
 * least recently used entry, and refuses what it cannot keep. */
#include "testutil.h"

#include "web/page_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONCE_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define NONCE_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* A page whose body and CSP header carry nonce. */
static PageData page_with(const char *body, const char *csp)
{
    PageData p = {.status = 200,
                  .content_type = "text/html; charset=utf-8",
                  .body = body,
                  .len = strlen(body),
                  .nheaders = 2};
    p.headers[0].name = "Cache-Control";
    p.headers[0].value = "no-store";
    p.headers[1].name = "Content-Security-Policy";
    p.headers[1].value = csp;
    return p;
}

static bool get(PageCache *pc, const char *key, uint64_t version, const char *nonce, Arena *a,
                PageData *out)
{
    char *body = NULL;
    bool hit = page_cache_get(pc, key, strlen(key), version, nonce, a, out, &body);
    if (hit) {
        char *copy = arena_strndup(a, body, out->len);
        free(body);
        out->body = copy;
    }
    return hit;
}

static void a_hit_gets_the_fresh_nonce(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    PageCache *pc = page_cache_create(1 << 20);
    PageData p =
        page_with("<p>x</p><script nonce=\"" NONCE_A "\"></script><i nonce=\"" NONCE_A "\">",
                  "script-src 'nonce-" NONCE_A "'");
    assert_true(page_cache_put(pc, "k1", 2, 7, &p, NONCE_A));
    PageData out;
    assert_true(get(pc, "k1", 7, NONCE_B, &a, &out));
    assert_string_equal(out.body,
                        "<p>x</p><script nonce=\"" NONCE_B "\"></script><i nonce=\"" NONCE_B "\">");
    assert_int_equal(out.status, 200);
    assert_string_equal(out.content_type, "text/html; charset=utf-8");
    assert_int_equal(out.nheaders, 2);
    assert_string_equal(out.headers[0].value, "no-store");
    assert_string_equal(out.headers[1].value, "script-src 'nonce-" NONCE_B "'");
    /* the stored copy is untouched: a second hit with the first nonce */
    assert_true(get(pc, "k1", 7, NONCE_A, &a, &out));
    assert_non_null(strstr(out.body, NONCE_A));
    assert_null(strstr(out.body, NONCE_B));
    page_cache_destroy(pc);
    arena_free(&a);
}

static void only_the_same_key_and_version(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    PageCache *pc = page_cache_create(1 << 20);
    PageData p = page_with("body", "csp");
    assert_true(page_cache_put(pc, "user1|/accounts/1", 17, 5, &p, NONCE_A));
    PageData out;
    assert_false(get(pc, "user2|/accounts/1", 5, NONCE_B, &a, &out));
    assert_false(get(pc, "user1|/accounts/", 5, NONCE_B, &a, &out));
    assert_false(get(pc, "user1|/accounts/1", 0, NONCE_B, &a, &out)); /* 0: unknown version */
    assert_true(get(pc, "user1|/accounts/1", 5, NONCE_B, &a, &out));
    /* another version: a miss, and the old entry is gone for good */
    assert_false(get(pc, "user1|/accounts/1", 6, NONCE_B, &a, &out));
    assert_false(get(pc, "user1|/accounts/1", 5, NONCE_B, &a, &out));
    PageCacheStats st;
    page_cache_stats(pc, &st);
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.bytes, 0);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 4); /* version 0 is not even looked up */
    /* a key may hold any bytes, NUL included */
    assert_true(page_cache_put(pc, "a\0b", 3, 1, &p, NULL));
    char *body = NULL;
    assert_false(page_cache_get(pc, "a\0c", 3, 1, NULL, &a, &out, &body));
    assert_true(page_cache_get(pc, "a\0b", 3, 1, NULL, &a, &out, &body));
    free(body);
    /* storing the same key again replaces it */
    PageData p2 = page_with("newer", "csp");
    assert_true(page_cache_put(pc, "a\0b", 3, 2, &p2, NULL));
    assert_true(page_cache_get(pc, "a\0b", 3, 2, NULL, &a, &out, &body));
    assert_int_equal(out.len, 5);
    assert_memory_equal(body, "newer", 5);
    free(body);
    page_cache_stats(pc, &st);
    assert_int_equal(st.entries, 1);
    page_cache_destroy(pc);
    arena_free(&a);
}

static void stays_within_the_limit_dropping_the_least_recently_used(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    enum { LIMIT = 64 * 1024, BODY = 4000 };
    PageCache *pc = page_cache_create(LIMIT);
    char *big = calloc(1, BODY + 1);
    memset(big, 'x', BODY);
    PageData p = page_with(big, "csp");
    char key[32];
    PageData out;
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "page%d", i);
        assert_true(page_cache_put(pc, key, strlen(key), 1, &p, NULL));
        if (i >= 1) assert_true(get(pc, "page0", 1, NULL, &a, &out)); /* page0 stays in use */
        PageCacheStats st;
        page_cache_stats(pc, &st);
        assert_true(st.bytes <= LIMIT);
    }
    PageCacheStats st;
    page_cache_stats(pc, &st);
    assert_true(st.evictions > 0);
    assert_true(st.entries < 40 && st.entries > 10);
    assert_true(get(pc, "page0", 1, NULL, &a, &out));  /* recently used: kept */
    assert_false(get(pc, "page1", 1, NULL, &a, &out)); /* the oldest unused: dropped */
    assert_true(get(pc, "page39", 1, NULL, &a, &out));
    /* a page larger than a quarter of the limit is not kept */
    char *huge = calloc(1, LIMIT / 4 + 1);
    memset(huge, 'y', LIMIT / 4);
    PageData ph = page_with(huge, "csp");
    assert_false(page_cache_put(pc, "huge", 4, 1, &ph, NULL));
    assert_false(page_cache_put(pc, "v0", 2, 0, &p, NULL)); /* version 0: never */
    free(huge);
    free(big);
    page_cache_destroy(pc);
    arena_free(&a);
}

static void a_nonce_of_another_length_is_a_miss(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    PageCache *pc = page_cache_create(1 << 20);
    PageData p = page_with("<script nonce=\"" NONCE_A "\">", "x");
    assert_true(page_cache_put(pc, "k", 1, 1, &p, NONCE_A));
    PageData out;
    assert_false(get(pc, "k", 1, "short", &a, &out));
    assert_true(get(pc, "k", 1, NONCE_B, &a, &out));
    page_cache_destroy(pc);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_hit_gets_the_fresh_nonce),
        cmocka_unit_test(only_the_same_key_and_version),
        cmocka_unit_test(stays_within_the_limit_dropping_the_least_recently_used),
        cmocka_unit_test(a_nonce_of_another_length_is_a_miss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
