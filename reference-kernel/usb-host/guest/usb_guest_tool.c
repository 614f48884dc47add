/*
 * usb_guest_tool: what the guest's scenario scripts cannot do with busybox.
 *
 * Every subcommand prints one line starting with its own name (so the
 * scenario's output can be parsed) and exits 0 on success, 1 on failure and 2
 * on a usage error. Built static, so the initramfs needs no C library.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/usbdevice_fs.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* How long a transfer may make no progress before it counts as stuck. */
enum { stall_timeout_ms = 10000 };

/* The size of the generic HID device's reports. */
enum { hid_report_size = 64 };

/* Returns the monotonic clock in seconds. */
static double now_seconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Returns the monotonic clock in milliseconds. */
static long now_ms(void) { return (long)(now_seconds() * 1000.0); }

/* Parses a non-negative number (decimal, or hex after 0x), or exits with a
 * usage error. */
static long parse_number(const char *text, const char *what) {
  char *end;
  errno = 0;
  long value = strtol(text, &end, 0);
  if (errno != 0 || *text == '\0' || *end != '\0' || value < 0) {
    fprintf(stderr, "usb_guest_tool: bad %s '%s'\n", what, text);
    exit(2);
  }
  return value;
}

/* Parses a string of hex digit pairs into `out` (at most `capacity` bytes);
 * returns the byte count or exits with a usage error. */
static size_t parse_hex(const char *text, uint8_t *out, size_t capacity) {
  size_t length = strlen(text);
  if (length % 2 != 0 || length / 2 > capacity) {
    fprintf(stderr, "usb_guest_tool: bad hex bytes '%s'\n", text);
    exit(2);
  }
  for (size_t i = 0; i < length / 2; ++i) {
    unsigned int byte;
    if (sscanf(text + 2 * i, "%2x", &byte) != 1) {
      fprintf(stderr, "usb_guest_tool: bad hex bytes '%s'\n", text);
      exit(2);
    }
    out[i] = (uint8_t)byte;
  }
  return length / 2;
}

/* Prints `length` bytes as lowercase hex, without a newline. */
static void print_hex(const uint8_t *bytes, size_t length) {
  for (size_t i = 0; i < length; ++i)
    printf("%02x", bytes[i]);
}

/* Prints `line` (if any) once the device is open and listening: a scenario
 * passes the @@bridge line that makes the device send what is awaited, so it
 * cannot arrive before anyone listens. */
static void announce(const char *line) {
  if (line != NULL)
    printf("%s\n", line);
}

/* Opens `path` or prints "<command> error ..." and exits 1. */
static int open_or_fail(const char *command, const char *path, int flags) {
  int fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    printf("%s error open %s: %s\n", command, path, strerror(errno));
    exit(1);
  }
  return fd;
}

/* Waits up to `timeout_ms` for `events` on `fd`; returns poll's revents, or
 * 0 on timeout. */
static int wait_for(int fd, short events, int timeout_ms) {
  struct pollfd entry = {.fd = fd, .events = events};
  int ready;
  do
    ready = poll(&entry, 1, timeout_ms);
  while (ready < 0 && errno == EINTR);
  return ready > 0 ? entry.revents : 0;
}

/* The echo test's data: xorshift32 from a fixed seed, so a lost, repeated
 * or reordered block shows as a mismatch. */
static void fill_pseudo_random(uint8_t *bytes, size_t length) {
  uint32_t state = 0x2545f491u;
  for (size_t i = 0; i < length; ++i) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    bytes[i] = (uint8_t)state;
  }
}

/* echo-test DEV BYTES: sends BYTES pseudo-random bytes through the tty DEV
 * (raw, no echo) to a device that echoes them, reading the echo back in the
 * same poll loop, and checks it byte for byte. */
static int echo_test(const char *path, size_t total) {
  uint8_t *sent = malloc(total + 1);
  uint8_t *received = malloc(total + 1);
  if (sent == NULL || received == NULL) {
    printf("echo-test error out of memory\n");
    return 1;
  }
  fill_pseudo_random(sent, total);
  int fd = open_or_fail("echo-test", path, O_RDWR | O_NONBLOCK);
  struct termios mode;
  if (tcgetattr(fd, &mode) != 0) {
    printf("echo-test error tcgetattr: %s\n", strerror(errno));
    return 1;
  }
  cfmakeraw(&mode);
  mode.c_cflag |= CLOCAL | CREAD;
  if (tcsetattr(fd, TCSANOW, &mode) != 0 || tcflush(fd, TCIOFLUSH) != 0) {
    printf("echo-test error tcsetattr: %s\n", strerror(errno));
    return 1;
  }

  size_t written = 0, read_count = 0;
  double start = now_seconds();
  while (read_count < total) {
    short events = POLLIN | (written < total ? POLLOUT : 0);
    int ready = wait_for(fd, events, stall_timeout_ms);
    if (ready == 0) {
      printf("echo-test fail timeout written=%zu read=%zu\n", written,
             read_count);
      return 1;
    }
    if ((ready & POLLOUT) && written < total) {
      size_t chunk = total - written < 4096 ? total - written : 4096;
      ssize_t n = write(fd, sent + written, chunk);
      if (n < 0 && errno != EAGAIN) {
        printf("echo-test error write: %s\n", strerror(errno));
        return 1;
      }
      written += n > 0 ? (size_t)n : 0;
    }
    if (ready & (POLLIN | POLLHUP | POLLERR)) {
      /* One byte more than expected is room to notice extra data. */
      ssize_t n = read(fd, received + read_count, total + 1 - read_count);
      if (n < 0 && errno != EAGAIN) {
        printf("echo-test error read: %s\n", strerror(errno));
        return 1;
      }
      if (n == 0) {
        printf("echo-test fail hangup read=%zu\n", read_count);
        return 1;
      }
      read_count += n > 0 ? (size_t)n : 0;
    }
  }
  double seconds = now_seconds() - start;
  close(fd);
  if (read_count > total) {
    printf("echo-test fail extra bytes read=%zu\n", read_count);
    return 1;
  }
  for (size_t i = 0; i < total; ++i) {
    if (sent[i] != received[i]) {
      printf("echo-test fail mismatch offset=%zu sent=%02x received=%02x\n", i,
             sent[i], received[i]);
      return 1;
    }
  }
  printf("echo-test ok bytes=%zu seconds=%.3f mib_per_s=%.2f\n", total, seconds,
         (double)total / (1024.0 * 1024.0) / seconds);
  return 0;
}

/* The modem line names tiocm accepts. */
static const struct {
  const char *name;
  int bit;
} modem_lines[] = {{"dtr", TIOCM_DTR}, {"rts", TIOCM_RTS}, {"cd", TIOCM_CD},
                   {"dsr", TIOCM_DSR}, {"ri", TIOCM_RI},   {"cts", TIOCM_CTS}};

/* Parses "dtr,rts" (or "none") into TIOCM_* bits. */
static int parse_modem_lines(const char *text) {
  int bits = 0;
  if (strcmp(text, "none") == 0)
    return 0;
  char *copy = strdup(text);
  for (char *name = strtok(copy, ","); name; name = strtok(NULL, ",")) {
    size_t i = 0;
    while (i < sizeof modem_lines / sizeof modem_lines[0] &&
           strcmp(modem_lines[i].name, name) != 0)
      ++i;
    if (i == sizeof modem_lines / sizeof modem_lines[0]) {
      fprintf(stderr, "usb_guest_tool: unknown modem line '%s'\n", name);
      exit(2);
    }
    bits |= modem_lines[i].bit;
  }
  free(copy);
  return bits;
}

/* Prints TIOCM_* bits as "dtr,rts" (or "none"), without a newline. */
static void print_modem_lines(int bits) {
  const char *separator = "";
  for (size_t i = 0; i < sizeof modem_lines / sizeof modem_lines[0]; ++i) {
    if (bits & modem_lines[i].bit) {
      printf("%s%s", separator, modem_lines[i].name);
      separator = ",";
    }
  }
  if (*separator == '\0')
    printf("none");
}

/* tiocm DEV get | set BITS | wait BITS TIMEOUT_MS [ANNOUNCE]: reads the
 * modem lines, sets DTR/RTS (TIOCMSET), or polls every millisecond until the
 * given lines are all set (CD/DSR/RI come from the device's SERIAL_STATE,
 * which cdc_acm only receives while the tty is open). `set` clears HUPCL
 * first, so closing the tty does not drop the lines it just set. */
static int tiocm(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr,
            "usage: tiocm DEV get|set BITS|wait BITS TIMEOUT_MS [ANNOUNCE]\n");
    return 2;
  }
  int fd = open_or_fail("tiocm", argv[2], O_RDWR | O_NONBLOCK);
  int bits;
  if (strcmp(argv[3], "get") == 0) {
    if (ioctl(fd, TIOCMGET, &bits) != 0) {
      printf("tiocm error TIOCMGET: %s\n", strerror(errno));
      return 1;
    }
    printf("tiocm get ");
    print_modem_lines(bits);
    printf("\n");
    return 0;
  }
  if (strcmp(argv[3], "set") == 0 && argc == 5) {
    struct termios mode;
    bits = parse_modem_lines(argv[4]);
    if (tcgetattr(fd, &mode) == 0) {
      mode.c_cflag &= ~(tcflag_t)HUPCL;
      tcsetattr(fd, TCSANOW, &mode);
    }
    if (ioctl(fd, TIOCMSET, &bits) != 0) {
      printf("tiocm error TIOCMSET: %s\n", strerror(errno));
      return 1;
    }
    printf("tiocm set ");
    print_modem_lines(bits);
    printf("\n");
    return 0;
  }
  if (strcmp(argv[3], "wait") == 0 && (argc == 6 || argc == 7)) {
    int wanted = parse_modem_lines(argv[4]);
    long timeout = parse_number(argv[5], "timeout"), start = now_ms();
    announce(argc == 7 ? argv[6] : NULL);
    for (;;) {
      if (ioctl(fd, TIOCMGET, &bits) != 0) {
        printf("tiocm error TIOCMGET: %s\n", strerror(errno));
        return 1;
      }
      long elapsed = now_ms() - start;
      if ((bits & wanted) == wanted) {
        printf("tiocm wait ok elapsed_ms=%ld lines=", elapsed);
        print_modem_lines(bits);
        printf("\n");
        return 0;
      }
      if (elapsed > timeout) {
        printf("tiocm wait fail timeout lines=");
        print_modem_lines(bits);
        printf("\n");
        return 1;
      }
      usleep(1000);
    }
  }
  fprintf(stderr,
          "usage: tiocm DEV get|set BITS|wait BITS TIMEOUT_MS [ANNOUNCE]\n");
  return 2;
}

/* Reads one report from the hidraw `fd` into `report` within `timeout_ms`;
 * returns its length, or -1 after printing why (prefixed by `command`). */
static ssize_t read_report(const char *command, int fd, uint8_t *report,
                           size_t capacity, int timeout_ms) {
  if (wait_for(fd, POLLIN, timeout_ms) == 0) {
    printf("%s fail timeout\n", command);
    return -1;
  }
  ssize_t n = read(fd, report, capacity);
  if (n < 0)
    printf("%s error read: %s\n", command, strerror(errno));
  return n;
}

/* hidraw-echo DEV COUNT: writes COUNT distinct 64-byte output reports to a
 * device that echoes each as an input report, and checks every echo. hidraw
 * writes start with the report number, 0 for a device without report ids. */
static int hidraw_echo(const char *path, long count) {
  int fd = open_or_fail("hidraw-echo", path, O_RDWR);
  double start = now_seconds();
  for (long n = 0; n < count; ++n) {
    uint8_t out[1 + hid_report_size] = {0}, in[hid_report_size + 1];
    /* The report's number in the first two bytes makes each one distinct. */
    out[1] = (uint8_t)n;
    out[2] = (uint8_t)(n >> 8);
    for (size_t i = 2; i < hid_report_size; ++i)
      out[1 + i] = (uint8_t)(n * 7 + i * 31);
    if (write(fd, out, sizeof out) != (ssize_t)sizeof out) {
      printf("hidraw-echo error write report=%ld: %s\n", n, strerror(errno));
      return 1;
    }
    ssize_t length =
        read_report("hidraw-echo", fd, in, sizeof in, stall_timeout_ms);
    if (length < 0)
      return 1;
    if (length != hid_report_size ||
        memcmp(in, out + 1, hid_report_size) != 0) {
      printf("hidraw-echo fail report=%ld sent=", n);
      print_hex(out + 1, hid_report_size);
      printf(" received=");
      print_hex(in, (size_t)length);
      printf("\n");
      return 1;
    }
  }
  printf("hidraw-echo ok reports=%ld seconds=%.3f\n", count,
         now_seconds() - start);
  return 0;
}

/* hidraw-read DEV HEXBYTES TIMEOUT_MS [ANNOUNCE]: reads one input report and
 * checks it is HEXBYTES. Opening hidraw is what makes usbhid poll. */
static int hidraw_read(const char *path, const char *hex, long timeout_ms,
                       const char *announcement) {
  uint8_t expected[256], report[256];
  size_t expected_length = parse_hex(hex, expected, sizeof expected);
  int fd = open_or_fail("hidraw-read", path, O_RDONLY);
  announce(announcement);
  ssize_t length =
      read_report("hidraw-read", fd, report, sizeof report, (int)timeout_ms);
  if (length < 0)
    return 1;
  if ((size_t)length != expected_length ||
      memcmp(report, expected, expected_length) != 0) {
    printf("hidraw-read fail received=");
    print_hex(report, (size_t)length);
    printf(" expected=%s\n", hex);
    return 1;
  }
  printf("hidraw-read ok report=%s\n", hex);
  return 0;
}

/* hidraw-write DEV HEXBYTES: writes one output report (report number
 * first); without an OUT endpoint usbhid sends it as SET_REPORT. */
static int hidraw_write(const char *path, const char *hex) {
  uint8_t report[256];
  size_t length = parse_hex(hex, report, sizeof report);
  int fd = open_or_fail("hidraw-write", path, O_RDWR);
  if (write(fd, report, length) != (ssize_t)length) {
    printf("hidraw-write error write: %s\n", strerror(errno));
    return 1;
  }
  printf("hidraw-write ok report=%s\n", hex);
  return 0;
}

/* control BUSDEVPATH REQTYPE REQ VALUE INDEX LENGTH [HEXDATA]: one control
 * transfer through usbfs; HEXDATA (OUT only) fills the first bytes of the
 * LENGTH-byte data stage, the rest being zeros. Prints "control ok len=N
 * data=HEX" (IN data, or nothing for OUT), "control stall" (EPIPE) or
 * "control error errno=N (text)"; a stall is an answer, so only an error
 * exits non-zero. */
static int control(int argc, char **argv) {
  if (argc != 8 && argc != 9) {
    fprintf(stderr, "usage: control BUSDEVPATH REQTYPE REQ VALUE INDEX "
                    "LENGTH [HEXDATA]\n");
    return 2;
  }
  uint8_t data[4096] = {0};
  struct usbdevfs_ctrltransfer transfer = {
      .bRequestType = (uint8_t)parse_number(argv[3], "request type"),
      .bRequest = (uint8_t)parse_number(argv[4], "request"),
      .wValue = (uint16_t)parse_number(argv[5], "value"),
      .wIndex = (uint16_t)parse_number(argv[6], "index"),
      .wLength = (uint16_t)parse_number(argv[7], "length"),
      .timeout = 5000,
      .data = data,
  };
  if (transfer.wLength > sizeof data) {
    fprintf(stderr, "usb_guest_tool: length above %zu\n", sizeof data);
    return 2;
  }
  if (argc == 9)
    parse_hex(argv[8], data, transfer.wLength);
  int fd = open_or_fail("control", argv[2], O_RDWR);
  int length = ioctl(fd, USBDEVFS_CONTROL, &transfer);
  if (length < 0 && errno == EPIPE) {
    printf("control stall\n");
    return 0;
  }
  if (length < 0) {
    printf("control error errno=%d (%s)\n", errno, strerror(errno));
    return 1;
  }
  printf("control ok len=%d data=", length);
  if (transfer.bRequestType & 0x80)
    print_hex(data, (size_t)length);
  printf("\n");
  return 0;
}

/* wait-path PATH present|absent TIMEOUT_MS: polls every millisecond until
 * PATH exists (or no longer does). */
static int wait_path(const char *path, const char *state, long timeout_ms) {
  int want_present = strcmp(state, "present") == 0;
  if (!want_present && strcmp(state, "absent") != 0) {
    fprintf(stderr, "usage: wait-path PATH present|absent TIMEOUT_MS\n");
    return 2;
  }
  long start = now_ms();
  for (;;) {
    long elapsed = now_ms() - start;
    if ((access(path, F_OK) == 0) == want_present) {
      printf("wait-path ok %s %s elapsed_ms=%ld\n", path, state, elapsed);
      return 0;
    }
    if (elapsed > timeout_ms) {
      printf("wait-path fail %s not %s after %ld ms\n", path, state, elapsed);
      return 1;
    }
    usleep(1000);
  }
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *command = argc > 1 ? argv[1] : "";
  if (strcmp(command, "echo-test") == 0 && argc == 4)
    return echo_test(argv[2], (size_t)parse_number(argv[3], "byte count"));
  if (strcmp(command, "tiocm") == 0)
    return tiocm(argc, argv);
  if (strcmp(command, "hidraw-echo") == 0 && argc == 4)
    return hidraw_echo(argv[2], parse_number(argv[3], "count"));
  if (strcmp(command, "hidraw-read") == 0 && (argc == 5 || argc == 6))
    return hidraw_read(argv[2], argv[3], parse_number(argv[4], "timeout"),
                       argc == 6 ? argv[5] : NULL);
  if (strcmp(command, "hidraw-write") == 0 && argc == 4)
    return hidraw_write(argv[2], argv[3]);
  if (strcmp(command, "control") == 0)
    return control(argc, argv);
  if (strcmp(command, "wait-path") == 0 && argc == 5)
    return wait_path(argv[2], argv[3], parse_number(argv[4], "timeout"));
  fprintf(stderr,
          "usage: usb_guest_tool echo-test DEV BYTES\n"
          "       usb_guest_tool tiocm DEV get|set BITS|"
          "wait BITS TIMEOUT_MS [ANNOUNCE]\n"
          "       usb_guest_tool hidraw-echo DEV COUNT\n"
          "       usb_guest_tool hidraw-read DEV HEXBYTES TIMEOUT_MS "
          "[ANNOUNCE]\n"
          "       usb_guest_tool hidraw-write DEV HEXBYTES\n"
          "       usb_guest_tool control BUSDEVPATH REQTYPE REQ VALUE INDEX "
          "LENGTH [HEXDATA]\n"
          "       usb_guest_tool wait-path PATH present|absent TIMEOUT_MS\n");
  return 2;
}
