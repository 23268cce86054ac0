// Small real disks for the tests of a data folder on a disk that takes no writes: a tmpfs to fill
// (the kernel's own ENOSPC) and an ext4 on a loop device that turns read-only (the kernel's own
// EROFS). Real file systems rather than mocked fs calls, because what is tested is how the hub,
// SQLite and the log writer meet the errors the kernel really gives. Mounting needs root (with
// CAP_SYS_ADMIN), loop devices and mkfs.ext4: where the kernel refuses, a disk is `{ skip: why }`
// instead, and the test says so and skips.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Why a disk cannot be made here (the kernel's refusal, first line). */
export interface Skip {
  skip: string;
}

/** A tmpfs of its own: filled until it says ENOSPC, and given room again. */
export interface FillableDisk {
  dir: string;
  /** Writes `filler` and `filler.tail` in the disk's root until the disk says ENOSPC. */
  fill(): void;
  /** Removes what `fill` wrote. */
  makeRoom(): void;
}

/** An ext4 on a loop device, mounted errors=remount-ro: it turns read-only by itself on an error. */
export interface BreakableDisk {
  dir: string;
  /** A file system error through /sys/fs/ext4/<dev>/trigger_fs_error: ext4 remounts itself read-only, as on a real fault. */
  triggerError(): void;
  /** Read-only by hand (a disk that is read-only, and known to be, before the hub starts). */
  remountReadOnly(): void;
  remountReadWrite(): void;
  /** What IT staff do after a fault: unmount, check the file system, mount it again (read-write). */
  repair(): void;
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first line of a refused command's error: the kernel's or the tool's reason, without the command's whole output. */
function reason(err: unknown): string {
  return (err as Error).message.split('\n')[0]!; // split always gives at least one part
}

/** The loop device (or 'tmpfs') mounted at `dir`. */
function deviceAt(dir: string): string {
  return sh('findmnt', ['-no', 'SOURCE', dir]).trim();
}

/**
 * Writes `file`, then `file.tail`, until the disk says ENOSPC. tmpfs hands out whole pages: the
 * large blocks stop with room left in the last page, which the small ones then take too, so that
 * even a small write (a log line, a journal page) is refused.
 */
export function fillUntilENOSPC(file: string): void {
  for (const [name, size] of [
    [file, 64 * 1024],
    [`${file}.tail`, 512],
  ] as const) {
    const fd = openSync(name, 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(size, 1));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * A test file's disks, under a folder of its own in the temporary folder: each is mounted on a
 * folder below `root`, and `removeAll` (in afterAll) unmounts them all and removes `root`.
 */
export class ScratchDisks {
  readonly root: string;
  private readonly mounted: string[] = [];

  constructor(prefix: string) {
    this.root = mkdtempSync(join(tmpdir(), prefix));
  }

  /** A tmpfs of `size` over `dir` (which is made if need be), or why there cannot be one here. */
  mountTmpfs(dir: string, opts: { size: string; mode: string }): { dir: string } | Skip {
    mkdirSync(dir, { recursive: true });
    try {
      sh('mount', ['-t', 'tmpfs', '-o', `size=${opts.size},mode=${opts.mode}`, 'tmpfs', dir]);
    } catch (err) {
      return { skip: `cannot mount a tmpfs here (${reason(err)})` };
    }
    this.mounted.push(dir);
    return { dir };
  }

  /** A 16 MB tmpfs to fill, on `root/name`, or why there cannot be one here. */
  tmpfs(name: string): FillableDisk | Skip {
    const disk = this.mountTmpfs(join(this.root, name), { size: '16m', mode: '0755' });
    if ('skip' in disk) return { skip: `${disk.skip}; needs root with CAP_SYS_ADMIN` };
    const filler = join(disk.dir, 'filler');
    return {
      dir: disk.dir,
      fill: () => fillUntilENOSPC(filler),
      makeRoom: () => {
        rmSync(filler, { force: true });
        rmSync(`${filler}.tail`, { force: true });
      },
    };
  }

  /** A 32 MB ext4 on a loop device (image `root/name.img`), on `root/name`, or why there cannot be one here. */
  ext4(name: string): BreakableDisk | Skip {
    const image = join(this.root, `${name}.img`);
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    try {
      closeSync(openSync(image, 'w'));
      sh('truncate', ['-s', '32M', image]);
      sh('mkfs.ext4', ['-q', '-F', image]);
      sh('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
    } catch (err) {
      return { skip: `cannot mount an ext4 loop file system here (${reason(err)}); needs root, loop devices and mkfs.ext4` };
    }
    this.mounted.push(dir);
    return {
      dir,
      // The device is looked up at each call: `repair` mounts the image on a new one.
      triggerError: () => sh('sh', ['-c', `echo 1 > /sys/fs/ext4/${basename(deviceAt(dir))}/trigger_fs_error`]),
      remountReadOnly: () => sh('mount', ['-o', 'remount,ro', dir]),
      remountReadWrite: () => sh('mount', ['-o', 'remount,rw', dir]),
      repair: () => {
        // A stopped hub's log file may stay open on the broken mount (a process that exits closes
        // it): detached lazily; that mount is read-only for good and writes nothing more to the image.
        sh('umount', ['-l', dir]);
        spawnSync('e2fsck', ['-fy', image], { stdio: 'ignore' }); // exit 1: errors corrected
        // A loop device of its own (mount would take the old one again, with its broken mount);
        // removeAll finds it mounted on `dir` and detaches it.
        const device = sh('losetup', ['-f', '--show', image]).trim();
        sh('mount', ['-o', 'errors=remount-ro', device, dir]);
      },
    };
  }

  /**
   * Unmounts every disk, the last mounted first (a tmpfs may be mounted inside an ext4), and
   * removes `root`. Lazily (-l): a hub a test left behind may still hold a file open there. A
   * loop device is detached right after its unmount: `mount -o loop` marks it to detach itself
   * once unused, which a lazy unmount may leave for later, and one attached by `repair` is not.
   */
  removeAll(): void {
    for (const dir of this.mounted.reverse()) {
      try {
        const device = deviceAt(dir);
        sh('umount', ['-l', dir]);
        if (device.startsWith('/dev/loop')) sh('losetup', ['-d', device]);
      } catch {
        /* already gone (or detached with the lazy unmount) */
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
