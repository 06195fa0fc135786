/*
 * replay.c: run a libFuzzer harness without libFuzzer, so `make check`
 * exercises every harness under ASan+UBSan with gcc.
 *
 *   replay [-m N] FILE|DIR...
 *
 * Each file (a directory: each file in it) is fed to the harness as is,
 * then N times mutated (default 200): bytes flipped, inserted, deleted,
 * duplicated, truncated, or spliced with the previous input.  The
 * mutations come from a fixed seed, so a failure reproduces; the input
 * that failed is written to replay-crash.bin before the harness runs.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAXIN (64u << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint8_t prev[MAXIN];
static size_t nprev;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void run(const uint8_t *d, size_t n)
{
	FILE *f = fopen("replay-crash.bin", "wb");

	if (f) {
		fwrite(d, 1, n, f);
		fclose(f);
	}
	LLVMFuzzerTestOneInput(d, n);
}

static size_t mutate(uint8_t *b, size_t n, size_t cap)
{
	size_t i, k, a, len;

	switch (next() % 6) {
	case 0: /* flip bytes */
		for (k = 1 + next() % 4; k-- && n;)
			b[next() % n] ^= (uint8_t)(1u << (next() % 8));
		return n;
	case 1: /* insert a byte, often a structural one */
		if (n >= cap)
			return n;
		i = n ? next() % (n + 1) : 0;
		memmove(b + i + 1, b + i, n - i);
		b[i] = (uint8_t)"\n\t \"{}[]<>/\\,.:_+-~&%#0\xc3\xff"[next() % 26];
		return n + 1;
	case 2: /* delete a range */
		if (!n)
			return n;
		a = next() % n;
		len = 1 + next() % (n - a);
		memmove(b + a, b + a + len, n - a - len);
		return n - len;
	case 3: /* duplicate a range */
		if (!n)
			return n;
		a = next() % n;
		len = 1 + next() % (n - a);
		if (n + len > cap)
			return n;
		memmove(b + a + len, b + a, n - a);
		return n + len;
	case 4: /* truncate */
		return n ? next() % n : 0;
	default: /* splice with the previous input */
		if (!nprev || !n)
			return n;
		a = next() % n;
		len = next() % nprev;
		if (a + (nprev - len) > cap)
			return n;
		memcpy(b + a, prev + len, nprev - len);
		return a + (nprev - len);
	}
}

static void one(const char *path, int rounds)
{
	static uint8_t buf[MAXIN], work[MAXIN];
	FILE *f = fopen(path, "rb");
	size_t n;
	int r;

	if (!f) {
		perror(path);
		exit(1);
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	run(buf, n);
	for (r = 0; r < rounds; r++) {
		size_t m = n;
		int k, steps = 1 + (int)(next() % 3);

		memcpy(work, buf, n);
		for (k = 0; k < steps; k++)
			m = mutate(work, m, sizeof work);
		run(work, m);
	}
	memcpy(prev, buf, n);
	nprev = n;
}

int main(int argc, char **argv)
{
	int i, rounds = 200, files = 0;

	for (i = 1; i < argc; i++) {
		struct stat sb;

		if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			rounds = (int)strtol(argv[++i], NULL, 10);
			continue;
		}
		if (stat(argv[i], &sb)) {
			perror(argv[i]);
			return 1;
		}
		if (S_ISDIR(sb.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			char p[4096];

			while (d && (e = readdir(d)) != NULL) {
				if (e->d_name[0] == '.')
					continue;
				snprintf(p, sizeof p, "%s/%s", argv[i],
					 e->d_name);
				one(p, rounds);
				files++;
			}
			if (d)
				closedir(d);
		} else {
			one(argv[i], rounds);
			files++;
		}
	}
	remove("replay-crash.bin");
	printf("replay: %d inputs, %d mutations each, no failure\n", files,
	       rounds);
	return 0;
}
