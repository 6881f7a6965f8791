/* test_arena.c -- the bump allocator a dedup view's objects come from. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

/* Aligned, zeroed when asked, apart from each other, past one block. */
static void
test_alloc(void **state)
{
	struct arena	*a = arena_new();
	unsigned char	*p[300], *big;
	size_t		 i, j;

	(void)state;
	for (i = 0; i < 300; i++) {
		/* sizes 1..1,500: 300 of them outgrow a 64 KiB block */
		p[i] = arena_calloc(a, 1 + i * 5);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		for (j = 0; j < 1 + i * 5; j++)
			assert_int_equal(p[i][j], 0);
		memset(p[i], (int)(i & 0xff), 1 + i * 5);
	}
	for (i = 0; i < 300; i++) {	/* none overwrote another */
		for (j = 0; j < 1 + i * 5; j++)
			assert_int_equal(p[i][j], i & 0xff);
	}
	big = arena_alloc(a, 1 << 20);	/* larger than a block */
	assert_int_equal((uintptr_t)big % 16, 0);
	memset(big, 0xab, 1 << 20);
	assert_int_equal(p[299][0], 299 & 0xff);
	assert_non_null(arena_alloc(a, 0));
	arena_free(a);
	arena_free(NULL);
}

static void
test_strdup(void **state)
{
	struct arena	*a = arena_new();
	char		*s = arena_strdup(a, "Türkistan");
	char		*e = arena_strdup(a, "");

	(void)state;
	assert_string_equal(s, "Türkistan");
	assert_string_equal(e, "");
	assert_ptr_not_equal(s, e);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_strdup),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
