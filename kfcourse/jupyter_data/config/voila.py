# Voilà settings for the course's apps (found through JUPYTER_CONFIG_PATH; kfcourse.apps.voila_env).
# The list of exercises shows each notebook under its title, not its file name.
from kfcourse.apps import add_exercise_titles

c.VoilaConfiguration.page_config_hook = add_exercise_titles  # noqa: F821 (c: Voilà's config)
