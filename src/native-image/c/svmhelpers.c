/* Replacements for the SubstrateVM C helpers an image links against (libchelper, the libjvm shim,
 * container support), which Maven Central does not publish. Only what a jrunc image references. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "amd64cpufeatures.h"
#include "svm_locale.h"

/* fixed-arity wrappers for variadic libc calls */
int fprintfSD(FILE *f, const char *fmt, const char *s, int d) { return fprintf(f, fmt, s, d); }
int openSII(const char *path, int flags, int mode) { return open(path, flags, mode); }
void *mremapP(void *old, size_t oldsz, size_t newsz, int flags, void *newaddr) { return mremap(old, oldsz, newsz, flags, newaddr); }
int getThreadId(void) { return (int) syscall(SYS_gettid); }

/* libjvm shim */
void initialize(void) {}
int JVM_ActiveProcessorCount(void) { long n = sysconf(_SC_NPROCESSORS_ONLN); return n > 0 ? (int) n : 1; }

/* container detection: jrunc never sizes itself by its cgroup */
int svm_container_initialize(int loglevel) { (void) loglevel; return 0; }
unsigned long svm_container_physical_memory(void) { return (unsigned long) sysconf(_SC_PHYS_PAGES) * (unsigned long) sysconf(_SC_PAGESIZE); }
int svm_container_active_processor_count(void) { return JVM_ActiveProcessorCount(); }

/* time zone: jrunc prints UTC times only */
char *SVM_FindJavaTZmd(const char *java_home, int len) { (void) java_home; (void) len; return strdup("UTC"); }

/* locale */
static svm_locale_props_t locale_props;
int svm_initialize_locale(void) { locale_props.display_language = "en"; locale_props.format_language = "en"; return SVM_LOCALE_INITIALIZATION_SUCCEEDED; }
svm_locale_props_t *svm_get_locale(void) { return &locale_props; }

/* sun.misc.Signal support (unused: jrunc images run with -R:-EnableSignalHandling; signals go through signalfd) */
#define MAX_SIG 65
static volatile sig_atomic_t pending[MAX_SIG];
static sem_t sig_sem; static int sem_ready;
int cSunMiscSignal_open(void) { if (!sem_ready) { if (sem_init(&sig_sem, 0, 0) != 0) return -1; sem_ready = 1; } return 0; }
int cSunMiscSignal_close(void) { if (sem_ready) { sem_destroy(&sig_sem); sem_ready = 0; } return 0; }
int cSunMiscSignal_awaitSemaphore(void) { int r; while ((r = sem_wait(&sig_sem)) != 0 && errno == EINTR) {} return r; }
int cSunMiscSignal_signalSemaphore(void) { return sem_post(&sig_sem); }
int cSunMiscSignal_signalRangeCheck(int sig) { return sig > 0 && sig < MAX_SIG; }
int cSunMiscSignal_checkPendingSignal(void) {
  for (int i = 1; i < MAX_SIG; i++) if (pending[i] > 0) { __atomic_fetch_sub(&pending[i], 1, __ATOMIC_SEQ_CST); return i; }
  return -1;
}
static void on_signal(int sig) { if (sig > 0 && sig < MAX_SIG) { __atomic_fetch_add(&pending[sig], 1, __ATOMIC_SEQ_CST); if (sem_ready) sem_post(&sig_sem); } }
void *cSunMiscSignal_signalHandlerFunctionPointer(void) { return (void *) on_signal; }

/* CPU feature detection: the image checks at start that the host has what it was compiled for */
static int bit(unsigned v, int b) { return (v >> b) & 1; }
void determineCPUFeatures(CPUFeatures *f) {
  memset(f, 0, sizeof(*f));
  unsigned a, b, c, d, max = __get_cpuid_max(0, 0);
  if (max < 1) return;
  __cpuid(1, a, b, c, d);
  f->fCX8 = bit(d, 8); f->fCMOV = bit(d, 15); f->fFXSR = bit(d, 24); f->fHT = bit(d, 28); f->fMMX = bit(d, 23);
  f->fSSE = bit(d, 25); f->fSSE2 = bit(d, 26); f->fTSC = bit(d, 4); f->fFLUSH = bit(d, 19);
  f->fSSE3 = bit(c, 0); f->fCLMUL = bit(c, 1); f->fSSSE3 = bit(c, 9); f->fFMA = bit(c, 12); f->fSSE4_1 = bit(c, 19);
  f->fSSE4_2 = bit(c, 20); f->fPOPCNT = bit(c, 23); f->fAES = bit(c, 25); f->fF16C = bit(c, 29); f->fHV = bit(c, 31);
  int avx_os = 0, avx512_os = 0;
  if (bit(c, 27)) { unsigned lo, hi; __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0)); avx_os = (lo & 6) == 6; avx512_os = (lo & 0xe6) == 0xe6; }
  f->fAVX = bit(c, 28) && avx_os; if (!avx_os) { f->fFMA = 0; f->fF16C = 0; }
  f->fVZEROUPPER = f->fAVX;
  if (max >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    f->fBMI1 = bit(b, 3); f->fAVX2 = bit(b, 5) && avx_os; f->fBMI2 = bit(b, 8); f->fERMS = bit(b, 9); f->fRTM = bit(b, 11);
    f->fADX = bit(b, 19); f->fFLUSHOPT = bit(b, 23); f->fCLWB = bit(b, 24); f->fSHA = bit(b, 29);
    if (avx512_os) {
      f->fAVX512F = bit(b, 16); f->fAVX512DQ = bit(b, 17); f->fAVX512_IFMA = bit(b, 21); f->fAVX512PF = bit(b, 26);
      f->fAVX512ER = bit(b, 27); f->fAVX512CD = bit(b, 28); f->fAVX512BW = bit(b, 30); f->fAVX512VL = bit(b, 31);
      f->fAVX512_VBMI = bit(c, 1); f->fAVX512_VBMI2 = bit(c, 6); f->fAVX512_VNNI = bit(c, 11); f->fAVX512_BITALG = bit(c, 12);
      f->fAVX512_VPOPCNTDQ = bit(c, 14); f->fAVX512_VAES = bit(c, 9); f->fAVX512_VPCLMULQDQ = bit(c, 10); f->fAVX512_FP16 = bit(d, 23);
    }
    f->fGFNI = bit(c, 8); f->fPKU = bit(c, 3); f->fOSPKE = bit(c, 4); f->fRDPID = bit(c, 22); f->fCET_SS = bit(c, 7);
    f->fFSRM = bit(d, 4); f->fSERIALIZE = bit(d, 14); f->fCET_IBT = bit(d, 20);
  }
  __cpuid(0x80000000, a, b, c, d); unsigned ext = a;
  if (ext >= 0x80000001) { __cpuid(0x80000001, a, b, c, d); f->fLZCNT = bit(c, 5); f->fSSE4A = bit(c, 6); f->fAMD_3DNOW_PREFETCH = bit(c, 8); f->fRDTSCP = bit(d, 27); }
  if (ext >= 0x80000007) { __cpuid(0x80000007, a, b, c, d); f->fTSCINV_BIT = bit(d, 8); f->fTSCINV = f->fTSCINV_BIT; }
}
/* the image passes a mask with every optional feature bit set: (mask | host) must be all ones */
int checkCPUFeatures(const unsigned char *mask) {
  CPUFeatures host; determineCPUFeatures(&host); const unsigned char *h = (const unsigned char *) &host;
  for (size_t i = 0; i < sizeof(CPUFeatures); i++) if ((unsigned char) (mask[i] | h[i]) != 0xFF) return 1;
  return 0;
}
void checkCPUFeaturesOrExit(const unsigned char *mask, const char *msg) { if (checkCPUFeatures(mask)) { fputs(msg, stderr); exit(1); } }
