"""The demo data generator behind `tineng demo`: a labelled synthetic year of unit submissions.

Not part of the production package: orchestration/ never imports it, except the `tineng demo`
command, lazily. Install it with its dependencies with `pip install -e '.[demo]'`.

year.py writes the year into raw/, values.py simulates the numbers, messy.py makes the kinds of
files units really send.
"""

from tineng_demo.year import generate_demo

__all__ = ["generate_demo"]
