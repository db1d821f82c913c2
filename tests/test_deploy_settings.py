"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerdev.settings.production",
        "CAREERDEV_SECRET_KEY": "x7" * 30 + "-not-a-real-secret-but-long-and-varied-Q9!",
        "CAREERDEV_ALLOWED_HOSTS": "careers.example.edu",
        "CAREERDEV_DATA_DIR": str(tmp_path),
    }
    # The browser tests set this for their own process; a deployment never has it.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "careerdev.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerdev.settings.production"}
    env.pop("CAREERDEV_SECRET_KEY", None)
    env["CAREERDEV_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "careerdev.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CAREERDEV_SECRET_KEY" in result.stderr
