/* test_fetch.c -- the private-address guard's classification. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fetch.h"

static int
is_private(const char *addr)
{
	struct sockaddr_in	sin;
	struct sockaddr_in6	sin6;

	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		return (fetch_addr_is_private((struct sockaddr *)&sin));
	}
	assert_int_equal(inet_pton(AF_INET6, addr, &sin6.sin6_addr), 1);
	sin6.sin6_family = AF_INET6;
	return (fetch_addr_is_private((struct sockaddr *)&sin6));
}

static void
test_private(void **state)
{
	const char *const priv[] = {
		"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1",
		"172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0",
		"100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255",
		"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1",
	};
	const char *const pub[] = {
		"8.8.8.8", "172.15.255.255", "172.32.0.1", "192.169.0.1",
		"100.63.255.255", "100.128.0.1", "185.22.64.1",
		"2a00:1450:4001:80b::200e", "::ffff:8.8.8.8",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof priv / sizeof priv[0]; i++) {
		if (!is_private(priv[i]))
			fail_msg("%s should be private", priv[i]);
	}
	for (i = 0; i < sizeof pub / sizeof pub[0]; i++) {
		if (is_private(pub[i]))
			fail_msg("%s should be public", pub[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
