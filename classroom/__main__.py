"""Start the classroom server: ``python -m classroom [--port 8866] [--pool 1] [--max-kernels auto] [--cull-minutes 10]``.

Run from the repository root (``make classroom`` does); the repository's
``voila.json`` is read first, these options override it. Listening beyond
this computer (the default, ``--ip 0.0.0.0``) turns the class code on: the
server prints a short code (or uses ``--class-code``) that students type
once; ``/classroom/teacher`` shows it with a QR code (docs/security.md).
"""  # noqa: E501 - the summary line is the --help description, kept as it is

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def auto_max_kernels() -> int:
    """Kernel cap from free memory and CPUs (classroom.kernel_manager.auto_max_kernels); 40 if unknown."""
    from classroom.kernel_manager import machine_max_kernels

    try:
        return machine_max_kernels()
    except Exception:  # noqa: BLE001
        return 40


def voila_argv(args) -> list[str]:
    max_kernels = auto_max_kernels() if args.max_kernels == "auto" else int(args.max_kernels)
    argv = [
        str(ROOT / "chapters"),
        f"--port={args.port}",
        f"--Voila.ip={args.ip}",
        "--no-browser",
        "--VoilaConfiguration.multi_kernel_manager_class=classroom.kernel_manager.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={max_kernels}",
        f"--MappingKernelManager.cull_idle_timeout={int(args.cull_minutes * 60)}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, int(args.cull_minutes * 60) // 4))}",
    ]
    argv += [f"--ClassroomVoila.class_code={args.class_code or ''}",
             f"--ClassroomVoila.kernels_per_client={args.kernels_per_client}",
             f"--ClassroomVoila.orphan_seconds={args.orphan_seconds}",
             f"--ClassroomVoila.silent_seconds={args.silent_minutes * 60}"]
    argv += [f"--ClassroomVoila.allowed_hosts={h}" for h in args.allow_host]
    if args.pool > 0 or args.pool_for:
        argv += ["--VoilaConfiguration.preheat_kernel=True",
                 f"--VoilaConfiguration.default_pool_size={max(args.pool, 0)}"]
    else:
        argv += ["--VoilaConfiguration.preheat_kernel=False"]
    return argv + list(args.extra)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m classroom", description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=int(os.environ.get("CLASSROOM_PORT", "8866")))
    p.add_argument("--ip", default=os.environ.get("CLASSROOM_IP", "0.0.0.0"))
    p.add_argument("--pool", type=int, default=int(os.environ.get("CLASSROOM_POOL", "1")),
                   help="preheated kernels kept ready per dashboard (0: no preheating)")
    p.add_argument("--max-kernels", default=os.environ.get("CLASSROOM_MAX_KERNELS", "auto"),
                   help="most apps open at once; 'auto' sizes it from free memory; 0: no cap")
    p.add_argument("--cull-minutes", type=float,
                   default=float(os.environ.get("CLASSROOM_CULL_MINUTES", "10")),
                   help="shut down a closed tab's kernel after this many idle minutes")
    p.add_argument("--pool-for", action="append",
                   default=[x for x in os.environ.get("CLASSROOM_POOL_FOR", "").split(",") if x],
                   metavar="CHAPTER=N",
                   help="preheat N kernels for one chapter (the lesson of the day), e.g. ion_gradients=30")
    p.add_argument("--class-code", default=os.environ.get("CLASSROOM_CODE"),
                   help="the code students type once (default: a new one at each start when listening beyond "
                        "this computer; none on 127.0.0.1)")
    p.add_argument("--no-class-code", action="store_true",
                   help="no class code even on the network (only on a network where you trust every device)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another name the server is reached under (e.g. behind a proxy); "
                        "this machine's names and addresses are always accepted")
    p.add_argument("--kernels-per-client", type=int, default=int(os.environ.get("CLASSROOM_PER_CLIENT", "3")),
                   help="most apps one device (address) holds at once; "
                        "this computer itself is not limited; 0: off")
    p.add_argument("--orphan-seconds", type=float, default=60.0,
                   help="free an app's kernel when its page has had no connection for this long")
    p.add_argument("--silent-minutes", type=float, default=20.0,
                   help="free an app's kernel when its page has sent nothing for this long (0: never)")
    args, extra = p.parse_known_args(argv)  # anything else goes to Voilà, e.g. --Voila.base_url=/class/
    args.extra = extra
    from classroom.gate import code_on_by_default, new_code, normalise_code

    if args.no_class_code:
        args.class_code = None
    elif args.class_code:
        args.class_code = normalise_code(args.class_code)
        if len(args.class_code) < 4:
            p.error("--class-code: use at least 4 letters or digits")
    elif code_on_by_default(args.ip):
        args.class_code = new_code()
    os.chdir(ROOT)  # voila.json and the chapters are found relative to the repository
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from classroom.template import template_options

    # the book's template (no CDN), found in the repository itself (classroom/template.py)
    args.extra = template_options(os.environ) + args.extra
    import subprocess

    # thumbnails of chapters added since the last start (a few seconds each; in a child process
    # so matplotlib stays out of the server's memory)
    subprocess.run([sys.executable, str(ROOT / "classroom" / "make_thumbnails.py")], check=False)
    from classroom.app import ClassroomVoila

    if args.pool_for:
        pools = {"default": {"pool_size": max(args.pool, 0)}}
        for item in args.pool_for:
            stem, _, n = item.partition("=")
            pools[f"{stem.removesuffix('.ipynb')}.ipynb"] = {"pool_size": int(n)}
        ClassroomVoila.kernel_pools = pools

    print(f"Classroom server: http://{args.ip}:{args.port}/  (students use this machine's address)",
          flush=True)
    if args.class_code:
        print(f"Class code: {args.class_code}   (code and QR code: http://localhost:{args.port}/classroom/teacher)",
              flush=True)
    ClassroomVoila.launch_instance(voila_argv(args))


if __name__ == "__main__":
    main()
