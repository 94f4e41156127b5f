"""The original system's two counters, as they were, for the benchmark.

  python3 python_counters.py lambda DIR   # its Lambda: top level only, os.listdir + os.path.isfile
  python3 python_counters.py guide DIR    # its performance guide: one rglob('*') + is_file() per
                                          # top-level subdirectory, ThreadPoolExecutor(max_workers=4)
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def lambda_count(directory):
    return sum(1 for name in os.listdir(directory) if os.path.isfile(os.path.join(directory, name)))


def count_subtree(path):
    return sum(1 for p in Path(path).rglob("*") if p.is_file())


def guide_count(directory):
    top = Path(directory)
    subdirectories = [p for p in top.iterdir() if p.is_dir()]
    files_here = sum(1 for p in top.iterdir() if p.is_file())
    with ThreadPoolExecutor(max_workers=4) as pool:
        return files_here + sum(pool.map(count_subtree, subdirectories))


if __name__ == "__main__":
    mode, directory = sys.argv[1], sys.argv[2]
    print(lambda_count(directory) if mode == "lambda" else guide_count(directory))
