/* fuzz_feed.c -- feed_parse over arbitrary bytes, every type. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_opts	 o = { 0 };
	struct feed		*f;
	char			*cause = NULL;
	json_t			*j;

	o.url = "http://fuzz.example/feed";
	o.type = size > 0 ? (enum feed_type)(data[0] % 7) : FEED_TYPE_AUTO;
	o.links_xpath = "//a/@href";
	o.tz = "Asia/Almaty";
	f = feed_parse((const char *)data, size, &o, &cause);
	if (f != NULL) {
		j = feed_to_json(f);
		json_decref(j);
	}
	feed_free(f);
	free(cause);
	return (0);
}
