/* fuzz_extract.c -- extract_page over arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "article.h"
#include "extract.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_opts	 o = { 0 };
	struct article		*a;
	char			*cause = NULL;

	o.url = "http://fuzz.example/news/1.html";
	o.tz = "Asia/Almaty";
	o.lang_hint = "en";
	a = extract_page((const char *)data, size, &o, &cause);
	article_free(a);
	free(cause);
	return (0);
}
