/*
 * W7's load client (shared/bench/WORKLOADS.md): one thread, epoll, C connections to an echo server
 * on 127.0.0.1. Each connection sends an S-byte message, waits for the whole echo (checking every
 * byte), then sends the next. The first W seconds warm up; the next D seconds are measured.
 *
 *   loadclient -p PORT -s SIZE [-c 10] [-w 1] [-d 5]
 *
 * Prints one line:
 *   requests=N seconds=D rps=R mibs=M p50_us=A p99_us=B max_us=C
 * where N counts the round trips completed in the measured window, R = N / D, M = R * S / MiB
 * (payload one way), and the percentiles are of those round trips' latencies (first byte sent to
 * last byte of the echo received). After the window no new message starts, and the ones in
 * flight are read to the end before the connections close. Exits 1 with a message on stderr on any
 * error: a refused or reset connection, an early EOF, or an echo that differs from what was sent.
 *
 * Build: gcc -O2 -o loadclient loadclient.c (bench/peers/run.sh does it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    size_t sent;       /* bytes of the current message written */
    size_t received;   /* bytes of its echo read back */
    uint64_t start_ns; /* when the current message's first byte was written */
    int want_out;      /* EPOLLOUT registered */
};

static unsigned char *message;
static size_t size;
static unsigned char readbuf[256 * 1024];

static uint64_t *latencies;
static size_t nlat, caplat;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what, int conn) {
    fprintf(stderr, "loadclient: connection %d: %s: %s\n", conn, what, errno ? strerror(errno) : "protocol error");
    exit(1);
}

static void record(uint64_t ns) {
    if (nlat == caplat) {
        caplat = caplat ? caplat * 2 : 1 << 16;
        latencies = realloc(latencies, caplat * sizeof *latencies);
        if (!latencies) {
            fprintf(stderr, "loadclient: out of memory for %zu latencies\n", caplat);
            exit(1);
        }
    }
    latencies[nlat++] = ns;
}

static void set_out(int ep, struct conn *c, int idx, int on) {
    if (c->want_out == on) return;
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.u32 = (uint32_t)idx};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl", idx);
    c->want_out = on;
}

/* Writes as much of the current message as the socket takes. */
static void pump_out(int ep, struct conn *c, int idx) {
    while (c->sent < size) {
        ssize_t n = send(c->fd, message + c->sent, size - c->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            if (errno == EINTR) continue;
            die("send", idx);
        }
        c->sent += (size_t)n;
    }
    set_out(ep, c, idx, c->sent < size);
}

static void begin(int ep, struct conn *c, int idx) {
    c->sent = 0;
    c->received = 0;
    c->start_ns = now_ns();
    pump_out(ep, c, idx);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double percentile_us(double p) {
    if (nlat == 0) return 0;
    size_t i = (size_t)(p * (double)(nlat - 1) + 0.5);
    return (double)latencies[i] / 1000.0;
}

static void usage(void) {
    fprintf(stderr, "usage: loadclient -p PORT -s SIZE [-c CONNECTIONS=10] [-w WARMUP_S=1] [-d MEASURED_S=5]\n");
    exit(2);
}

int main(int argc, char **argv) {
    int port = 0, nconns = 10, opt;
    double warm = 1, dur = 5;
    while ((opt = getopt(argc, argv, "p:s:c:w:d:")) != -1) {
        switch (opt) {
            case 'p': port = atoi(optarg); break;
            case 's': size = (size_t)atol(optarg); break;
            case 'c': nconns = atoi(optarg); break;
            case 'w': warm = atof(optarg); break;
            case 'd': dur = atof(optarg); break;
            default: usage();
        }
    }
    if (port <= 0 || port > 65535 || size == 0 || nconns <= 0 || warm < 0 || dur <= 0) usage();

    message = malloc(size);
    for (size_t i = 0; i < size; i++) message[i] = (unsigned char)(i * 31 + 7);

    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1", -1);
    struct conn *conns = calloc((size_t)nconns, sizeof *conns);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < nconns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) die("socket", i);
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect to 127.0.0.1", i);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) die("fcntl", i);
        conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl", i);
    }

    uint64_t t0 = now_ns();
    uint64_t measure_from = t0 + (uint64_t)(warm * 1e9);
    uint64_t end = measure_from + (uint64_t)(dur * 1e9);
    for (int i = 0; i < nconns; i++) begin(ep, &conns[i], i);

    /* After the window, no new message starts; the ones in flight finish (2 s at most), so that
     * closing never resets a connection with an echo still on its way. */
    struct epoll_event events[64];
    uint64_t now = t0, drain_until = end + 2000000000u;
    int busy = nconns;
    while (busy > 0 && now < drain_until) {
        int n = epoll_wait(ep, events, 64, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait", -1);
        }
        now = now_ns();
        for (int k = 0; k < n; k++) {
            int idx = (int)events[k].data.u32;
            struct conn *c = &conns[idx];
            if (c->received == size) continue; /* idle: done after the window */
            if (events[k].events & EPOLLOUT) pump_out(ep, c, idx);
            if (events[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                for (;;) {
                    ssize_t r = recv(c->fd, readbuf, sizeof readbuf, 0);
                    if (r < 0) {
                        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                        if (errno == EINTR) continue;
                        die("recv", idx);
                    }
                    if (r == 0) {
                        errno = 0;
                        die("the server closed the connection", idx);
                    }
                    if (c->received + (size_t)r > c->sent || memcmp(readbuf, message + c->received, (size_t)r) != 0) {
                        errno = 0;
                        die("the echo differs from the message sent", idx);
                    }
                    c->received += (size_t)r;
                    if (c->received == size) {
                        now = now_ns();
                        if (now >= measure_from && now < end) record(now - c->start_ns);
                        if (now >= end) {
                            busy--;
                            break;
                        }
                        begin(ep, c, idx);
                    }
                }
            }
        }
    }
    if (busy > 0) fprintf(stderr, "loadclient: %d connections still waiting for an echo 2 s after the window\n", busy);
    for (int i = 0; i < nconns; i++) close(conns[i].fd);

    qsort(latencies, nlat, sizeof *latencies, cmp_u64);
    double rps = (double)nlat / dur;
    printf("requests=%zu seconds=%.3f rps=%.1f mibs=%.2f p50_us=%.1f p99_us=%.1f max_us=%.1f\n", nlat, dur, rps,
           rps * (double)size / (1024.0 * 1024.0), percentile_us(0.50), percentile_us(0.99),
           nlat ? (double)latencies[nlat - 1] / 1000.0 : 0.0);
    return nlat ? 0 : 1;
}
