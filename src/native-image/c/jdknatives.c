/* The few java.base JNI natives a jrunc image really executes (standard streams, class
 * initialisers, halt). Everything else the image reaches goes through jrunc's own syscall layer;
 * any other JDK native is an abort() stub (see gen/JniAbortStubs.java). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static jfieldID fd_field, fos_fd_field, fis_fd_field;

static void throw_io(JNIEnv *env, const char *msg) {
  jclass c = (*env)->FindClass(env, "java/io/IOException");
  if (c) (*env)->ThrowNew(env, c, msg ? msg : strerror(errno));
}
static int stream_fd(JNIEnv *env, jobject stream, jfieldID field) {
  jobject fdo = (*env)->GetObjectField(env, stream, field);
  return fdo == NULL ? -1 : (*env)->GetIntField(env, fdo, fd_field);
}

JNIEXPORT void JNICALL Java_java_io_FileDescriptor_initIDs(JNIEnv *env, jclass c) { fd_field = (*env)->GetFieldID(env, c, "fd", "I"); }
JNIEXPORT void JNICALL Java_java_io_FileDescriptor_close0(JNIEnv *env, jobject fdo) {
  int fd = (*env)->GetIntField(env, fdo, fd_field); if (fd < 0) return;
  (*env)->SetIntField(env, fdo, fd_field, -1); if (fd > 2 && close(fd) != 0) throw_io(env, NULL);
}
JNIEXPORT void JNICALL Java_java_io_FileCleanable_cleanupClose0(JNIEnv *env, jclass c, jint fd, jlong h) { if (fd > 2) close(fd); }
JNIEXPORT void JNICALL Java_java_io_FileOutputStream_initIDs(JNIEnv *env, jclass c) { fos_fd_field = (*env)->GetFieldID(env, c, "fd", "Ljava/io/FileDescriptor;"); }
JNIEXPORT void JNICALL Java_java_io_FileOutputStream_writeBytes(JNIEnv *env, jobject this, jbyteArray b, jint off, jint len, jboolean append) {
  int fd = stream_fd(env, this, fos_fd_field); if (fd < 0) { throw_io(env, "Stream Closed"); return; }
  char small[8192]; char *buf = len <= (jint) sizeof small ? small : malloc(len);
  if (buf == NULL) { throw_io(env, "out of memory"); return; }
  (*env)->GetByteArrayRegion(env, b, off, len, (jbyte *) buf);
  for (char *p = buf; len > 0;) {
    ssize_t n = write(fd, p, len);
    if (n < 0) { if (errno == EINTR) continue; throw_io(env, NULL); break; }
    p += n; len -= n;
  }
  if (buf != small) free(buf);
}
JNIEXPORT void JNICALL Java_java_io_FileInputStream_initIDs(JNIEnv *env, jclass c) { fis_fd_field = (*env)->GetFieldID(env, c, "fd", "Ljava/io/FileDescriptor;"); }
JNIEXPORT jint JNICALL Java_java_io_FileInputStream_readBytes(JNIEnv *env, jobject this, jbyteArray b, jint off, jint len) {
  int fd = stream_fd(env, this, fis_fd_field); if (fd < 0) { throw_io(env, "Stream Closed"); return -1; }
  if (len == 0) return 0;
  char small[8192]; char *buf = len <= (jint) sizeof small ? small : malloc(len);
  ssize_t n; do { n = read(fd, buf, len); } while (n < 0 && errno == EINTR);
  if (n > 0) (*env)->SetByteArrayRegion(env, b, off, (jint) n, (jbyte *) buf);
  else if (n < 0) throw_io(env, NULL);
  if (buf != small) free(buf);
  return n > 0 ? (jint) n : -1;
}
JNIEXPORT jint JNICALL Java_java_io_FileInputStream_read0(JNIEnv *env, jobject this) {
  int fd = stream_fd(env, this, fis_fd_field); unsigned char c; ssize_t n;
  do { n = read(fd, &c, 1); } while (n < 0 && errno == EINTR);
  if (n < 0) { throw_io(env, NULL); return -1; } return n == 0 ? -1 : c;
}
JNIEXPORT jint JNICALL Java_java_io_FileInputStream_available0(JNIEnv *env, jobject this) {
  int n = 0; return ioctl(stream_fd(env, this, fis_fd_field), FIONREAD, &n) < 0 ? 0 : n;
}
JNIEXPORT jboolean JNICALL Java_java_io_FileInputStream_isRegularFile0(JNIEnv *env, jobject this, jobject fdo) {
  struct stat st; return fstat((*env)->GetIntField(env, fdo, fd_field), &st) == 0 && S_ISREG(st.st_mode);
}
JNIEXPORT void JNICALL Java_java_io_UnixFileSystem_initIDs(JNIEnv *env, jclass c) {}
JNIEXPORT void JNICALL Java_java_lang_Shutdown_halt0(JNIEnv *env, jclass c, jint status) { _exit(status); }
JNIEXPORT jstring JNICALL Java_java_util_TimeZone_getSystemGMTOffsetID(JNIEnv *env, jclass c) { return NULL; }
JNIEXPORT void JNICALL Java_sun_nio_ch_IOUtil_initIDs(JNIEnv *env, jclass c) {}
JNIEXPORT jint JNICALL Java_sun_nio_ch_IOUtil_iovMax(JNIEnv *env, jclass c) { long n = sysconf(_SC_IOV_MAX); return n < 0 ? 16 : (jint) n; }
JNIEXPORT jlong JNICALL Java_sun_nio_ch_IOUtil_writevMax(JNIEnv *env, jclass c) { return (jlong) INT_MAX; }
JNIEXPORT void JNICALL Java_sun_nio_ch_NativeThread_init(JNIEnv *env, jclass c) {}
JNIEXPORT jlong JNICALL Java_sun_nio_ch_NativeThread_current0(JNIEnv *env, jclass c) { return (jlong) pthread_self(); }
JNIEXPORT void JNICALL Java_sun_nio_ch_FileDispatcherImpl_init0(JNIEnv *env, jclass c) {}
JNIEXPORT jint JNICALL Java_sun_nio_fs_UnixNativeDispatcher_init(JNIEnv *env, jclass c) { return 0; }
JNIEXPORT jbyteArray JNICALL Java_sun_nio_fs_UnixNativeDispatcher_getcwd(JNIEnv *env, jclass c) {
  char b[PATH_MAX]; if (!getcwd(b, sizeof b)) return NULL;
  jsize n = (jsize) strlen(b); jbyteArray a = (*env)->NewByteArray(env, n);
  (*env)->SetByteArrayRegion(env, a, 0, n, (const jbyte *) b); return a;
}
void InitializeEncoding(JNIEnv *env, const char *enc) {}
