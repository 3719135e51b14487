/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 only (tests/windows/check.sh).
 *
 * Rust's standard library (1.78 and later) asks this DLL for `ProcessPrng` to get random bytes.
 * Windows 10 and 11 have it; Wine 8 does not, so a Rust program would not even start there.
 * This one fills the buffer through RtlGenRandom (exported by advapi32 as SystemFunction036),
 * which Wine does have. It is never installed on a real Windows machine. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
