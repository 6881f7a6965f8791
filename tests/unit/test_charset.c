/*
 * test_charset.c -- detection order and conversion to valid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "charset.h"

/* "Привет" in windows-1251 and KOI8-R. */
#define CP1251_PRIVET	"\xcf\xf0\xe8\xe2\xe5\xf2"
#define KOI8_PRIVET	"\xf0\xd2\xc9\xd7\xc5\xd4"
#define UTF8_PRIVET	"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"

static void	conv(const char *, size_t, const char *, const char *);

static void
test_detect_order(void **state)
{
	const char	*xml1251 = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
	    "<rss>" CP1251_PRIVET "</rss>";
	const char	*meta = "<html><head><meta charset=\"koi8-r\">"
	    "</head><body>" KOI8_PRIVET "</body></html>";
	const char	*equiv = "<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=windows-1251\"></head></html>";

	(void)state;
	/* BOM beats everything */
	assert_string_equal(charset_detect("\xef\xbb\xbf<a/>", 7, "koi8-r", 0),
	    "UTF-8");
	assert_string_equal(charset_detect("\xff\xfe<\0a\0", 6, NULL, 0),
	    "UTF-16LE");
	assert_string_equal(charset_detect("\xfe\xff\0<\0a", 6, NULL, 0),
	    "UTF-16BE");
	/* HTTP beats the document */
	assert_string_equal(charset_detect(xml1251, strlen(xml1251), "KOI8-R",
	    0), "KOI8-R");
	assert_string_equal(charset_detect(xml1251, strlen(xml1251),
	    "x-unknown-thing", 0), "windows-1251");
	assert_string_equal(charset_detect(xml1251, strlen(xml1251), NULL, 0),
	    "windows-1251");
	assert_string_equal(charset_detect(meta, strlen(meta), NULL, 1),
	    "KOI8-R");
	assert_string_equal(charset_detect(equiv, strlen(equiv), NULL, 1),
	    "windows-1251");
	/* UTF-16 without BOM, by the XML declaration's shape */
	assert_string_equal(charset_detect("<\0?\0x\0m\0l\0", 10, NULL, 0),
	    "UTF-16LE");
	assert_string_equal(charset_detect("\0<\0?\0x\0m\0l", 10, NULL, 0),
	    "UTF-16BE");
	/* latin1 means windows-1252, as browsers do */
	assert_string_equal(charset_detect("<?xml version='1.0' "
	    "encoding='ISO-8859-1'?><a/>", 44, NULL, 0), "windows-1252");
}

static void
test_guess(void **state)
{
	const char	*ru1251 = "<p>" CP1251_PRIVET " " CP1251_PRIVET " "
	    CP1251_PRIVET "</p>";
	const char	*ruk = "<p>" KOI8_PRIVET " " KOI8_PRIVET " " KOI8_PRIVET
	    "</p>";
	const char	*fr = "<p>Caf\xe9 cr\xe8me au lait, d\xe9j\xe0 vu</p>";
	const char	*u8 = "<p>" UTF8_PRIVET "</p>";
	const char	*rss = "<rss version=\"2.0\"><channel><title>"
	    CP1251_PRIVET "</title><link>http://example.com/x</link>"
	    "</channel></rss>";
	const char	*tr = "T\xfc" "rk Devletleri Te\xfe" "kilat\xfd "
	    "Gr\xf6\xdf" "e \xfc" "ber";

	(void)state;
	assert_string_equal(charset_detect(u8, strlen(u8), NULL, 1), "UTF-8");
	assert_string_equal(charset_detect("plain ascii", 11, NULL, 1),
	    "UTF-8");
	assert_string_equal(charset_detect(ru1251, strlen(ru1251), NULL, 1),
	    "windows-1251");
	assert_string_equal(charset_detect(ruk, strlen(ruk), NULL, 1),
	    "KOI8-R");
	assert_string_equal(charset_detect(fr, strlen(fr), NULL, 1),
	    "windows-1252");
	/* markup-heavy: the ASCII around the words does not matter */
	assert_string_equal(charset_detect(rss, strlen(rss), NULL, 0),
	    "windows-1251");
	/* Turkish/German single-byte text: accented letters stand alone */
	assert_string_equal(charset_detect(tr, strlen(tr), NULL, 1),
	    "windows-1252");
}

static void
test_mislabelled(void **state)
{
	const char	*doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><t>"
	    CP1251_PRIVET " " CP1251_PRIVET "</t>";
	const char	*ok = "<?xml version=\"1.0\" encoding=\"utf-8\"?><t>"
	    UTF8_PRIVET " \xff</t>";

	(void)state;
	/* declared UTF-8, really windows-1251 */
	assert_string_equal(charset_detect(doc, strlen(doc), NULL, 0),
	    "windows-1251");
	assert_string_equal(charset_detect(doc, strlen(doc), "utf-8", 0),
	    "windows-1251");
	/* UTF-8 with a stray byte stays UTF-8 */
	assert_string_equal(charset_detect(ok, strlen(ok), NULL, 0), "UTF-8");
}

static void
test_utf32(void **state)
{
	(void)state;
	assert_string_equal(charset_detect("\xff\xfe\0\0<\0\0\0", 8, NULL, 0),
	    "UTF-32LE");
	assert_string_equal(charset_detect("\0\0\xfe\xff\0\0\0<", 8, NULL, 0),
	    "UTF-32BE");
	assert_string_equal(charset_detect("<\0\0\0?\0\0\0", 8, NULL, 0),
	    "UTF-32LE");
	conv("\xff\xfe\0\0a\0\0\0\x1f\x04\0\0", 12, "UTF-32LE",
	    "a\xd0\x9f");
	conv("\0\0\0a\0\0\x04\x1f", 8, "utf-32be", "a\xd0\x9f");
}

static void
conv(const char *in, size_t len, const char *cs, const char *want)
{
	char	*out, *cause = NULL;
	size_t	 olen;

	out = charset_to_utf8(in, len, cs, &olen, &cause);
	assert_non_null(out);
	assert_int_equal(olen, strlen(want));
	assert_string_equal(out, want);
	assert_true(charset_utf8_valid(out, olen));
	free(out);
}

static void
test_convert(void **state)
{
	char	*out, *cause = NULL;
	size_t	 olen;

	(void)state;
	conv(CP1251_PRIVET, 6, "windows-1251", UTF8_PRIVET);
	conv(CP1251_PRIVET, 6, "cp1251", UTF8_PRIVET);
	conv(KOI8_PRIVET, 6, "koi8-r", UTF8_PRIVET);
	conv("\xef\xbb\xbf" "abc", 6, "UTF-8", "abc");
	conv("\xff\xfe" "a\0\x1f\x04", 6, "UTF-16LE", "a\xd0\x9f");
	conv("\xfe\xff" "\0a\x04\x1f", 6, "UTF-16BE", "a\xd0\x9f");
	conv("\0a\x04\x1f", 4, "UTF-16BE", "a\xd0\x9f");
	conv("caf\xe9", 4, "iso-8859-1", "caf\xc3\xa9");
	conv("\x93q\x94 \x80", 5, "windows-1252",
	    "\xe2\x80\x9cq\xe2\x80\x9d \xe2\x82\xac");
	/* invalid sequences become U+FFFD; output always valid */
	conv("a\xffz", 3, "UTF-8", "a\xef\xbf\xbdz");
	conv("a\xc3", 2, "UTF-8", "a\xef\xbf\xbd");
	conv("a\xed\xa0\x80z", 5, "UTF-8",
	    "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
	conv("a\xc0\xafz", 4, "UTF-8", "a\xef\xbf\xbd\xef\xbf\xbdz");
	conv("a\0\xd8", 3, "UTF-16LE", "a\xef\xbf\xbd");
	conv("a\x98z", 3, "windows-1251", "a\xef\xbf\xbdz");
	conv("", 0, "UTF-8", "");
	out = charset_to_utf8("abc", 3, "no-such-charset-x", &olen, &cause);
	assert_null(out);
	assert_non_null(cause);
	free(cause);
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(charset_utf8_valid("", 0));
	assert_true(charset_utf8_valid(UTF8_PRIVET, 12));
	assert_true(charset_utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_false(charset_utf8_valid("\xf0\x9f\x98", 3));
	assert_false(charset_utf8_valid("\xc0\x80", 2));
	assert_false(charset_utf8_valid("\xed\xa0\x80", 3));
	assert_false(charset_utf8_valid("\xf4\x90\x80\x80", 4));
	assert_false(charset_utf8_valid("\x80", 1));
}

static void
test_content_type(void **state)
{
	char	*s;

	(void)state;
	s = charset_from_content_type("text/html; charset=windows-1251");
	assert_string_equal(s, "windows-1251");
	free(s);
	s = charset_from_content_type("application/rss+xml;Charset=\"UTF-8\"");
	assert_string_equal(s, "UTF-8");
	free(s);
	s = charset_from_content_type("text/xml; foo=bar; charset='koi8-r' ");
	assert_string_equal(s, "koi8-r");
	free(s);
	assert_null(charset_from_content_type("text/html"));
	assert_null(charset_from_content_type("text/html; charset="));
	assert_null(charset_from_content_type(NULL));
}

/* A declaration after a blank line; one that lies about a Latin charset. */
static void
test_declared_single_byte(void **state)
{
	const char	*blank = "\n  <?xml version=\"1.0\" "
	    "encoding=\"windows-1251\"?><rss>" CP1251_PRIVET "</rss>";
	const char	*latin_utf8 = "<?xml version=\"1.0\" "
	    "encoding=\"ISO-8859-1\"?><rss>N\xc3\xb8hr</rss>";
	const char	*latin = "<?xml version=\"1.0\" "
	    "encoding=\"ISO-8859-1\"?><rss>N\xf8hr</rss>";
	const char	*ascii = "<?xml version=\"1.0\" "
	    "encoding=\"ISO-8859-1\"?><rss>Nohr</rss>";
	const char	*unknown = "<?xml version=\"1.0\" "
	    "encoding=\"x-user-defined-42\"?><rss>Caf\xe9</rss>";

	(void)state;
	assert_string_equal(charset_detect(blank, strlen(blank), NULL, 0),
	    "windows-1251");
	assert_string_equal(charset_detect(latin_utf8, strlen(latin_utf8),
	    NULL, 0), "UTF-8");
	assert_string_equal(charset_detect(latin_utf8, strlen(latin_utf8),
	    "iso-8859-1", 0), "UTF-8");
	assert_string_equal(charset_detect(latin, strlen(latin), NULL, 0),
	    "windows-1252");
	assert_string_equal(charset_detect(ascii, strlen(ascii), NULL, 0),
	    "windows-1252");
	/* an unknown label: sniffed (not UTF-8, so windows-1252) */
	assert_string_equal(charset_detect(unknown, strlen(unknown), NULL, 0),
	    "windows-1252");
}

static void
undouble(const char *in, const char *want)
{
	char	*got;

	got = charset_utf8_undouble(in, strlen(in));
	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_undouble(void **state)
{
	(void)state;
	undouble("N\xc3\x83\xc2\xb8hr", "N\xc3\xb8hr");		/* NÃ¸hr */
	/* ’ read as windows-1252: â€™ */
	undouble("it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s",
	    "it\xe2\x80\x99s");
	undouble("Caf\xc3\x83\xc2\xa9 \xc3\x83\xc2\xa0 Paris",
	    "Caf\xc3\xa9 \xc3\xa0 Paris");
	/* real Latin text, ASCII, a mix that does not round-trip: kept */
	undouble("N\xc3\xb8hr", NULL);
	undouble("plain", NULL);
	undouble("N\xc3\x83\xc2\xb8hr \xd0\x9f", NULL);
	undouble("\xc3\x83\xc2\xb8 \xc3\xb8", NULL);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_detect_order),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_mislabelled),
		cmocka_unit_test(test_utf32),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_declared_single_byte),
		cmocka_unit_test(test_undouble),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
