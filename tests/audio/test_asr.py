"""Speech recognition adapters: configuration, model folders, and recording -> timed Call.

No model ships with the package, so most tests run the transcription pipeline with a
scripted engine defined here: it recognises each segment by finding which synthesised
sentence the audio is (cross-correlation with the clips of ``conftest.audio``) and returns
that sentence as an ASR would write it (traditional characters, spaces, no punctuation),
with a chosen confidence. The real-model tests run only when a model folder is configured
(``HOTLINE_QA_ASR_MODEL`` and ``HOTLINE_QA_ASR_ENGINE``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hotline_qa.audio.asr import (
    ENV_ENGINE,
    ENV_MODEL,
    AsrConfig,
    AsrDependencyError,
    AsrEngine,
    AsrModelError,
    AsrNotConfigured,
    Recognition,
    check_model_dir,
    guess_engine,
    make_engine,
    transcribe_recording,
)
from hotline_qa.audio.asr.base import mean_probability, to_asr_rate
from hotline_qa.audio.asr.transcribe import _Piece, join_turns, split_long
from hotline_qa.audio.io import FloatArray
from hotline_qa.core.call import Call, Role
from hotline_qa.core.errors import HotlineQAError
from hotline_qa.core.findings import Status
from hotline_qa.pipeline import Engine
from hotline_qa.text.normalize import normalize_text

from .conftest import CallAudio

AGENT_ORDER = ("greet", "explain", "reply", "bye")
CUSTOMER_ORDER = ("complain", "m1", "m2", "m3", "m4", "m5", "m4", "ok")
# What a recogniser might write: traditional characters, spaces, no punctuation, fillers.
ASR_TEXTS = {
    "greet": "您好 這裡是市民服務熱線 工號一二三 很高興為您服務",
    "explain": "非常抱歉給您帶來不便 我馬上為您登記維修 師傅會在兩個工作日內聯繫您",
    "reply": "嗯 我理解您的心情 您的訴求我已經記錄下來了 請您放心",
    "bye": "感謝您的來電 祝您生活愉快 再見",
    "complain": "你好 我上個月買的冰箱一直不製冷 打了三次電話都沒有人來修 我現在非常生氣",
    "m1": "我跟你說 這個冰箱是在你們商場買的 當時說好了三年保修",
    "m2": "結果第一次報修的時候 你們的人說下午就來 我在家等了一整天",
    "m3": "第二次又說零件沒貨 要等一個星期 可是一個星期過去了還是沒消息",
    "m4": "現在天氣這麼熱 冰箱裡的東西全都壞了 損失誰來承擔",
    "m5": "我要求你們今天必須給我一個明確的答覆 不然我就去消費者協會投訴",
    "ok": "好的 那我等你們電話 再見",
}
NO_MODEL = "no ASR model folder configured (set HOTLINE_QA_ASR_MODEL and HOTLINE_QA_ASR_ENGINE)"


class ScriptedEngine(AsrEngine):
    """Recognises a segment as the synthesised sentence it correlates with best."""

    name = "scripted"

    def __init__(self, clips: dict[str, Path], confidence: dict[str, float]) -> None:
        super().__init__(Path("/models/scripted-zh"))
        self.clips = {k: sf.read(str(p), dtype="float32")[0] for k, p in clips.items() if k in ASR_TEXTS}
        self.confidence = confidence
        self.heard: list[str] = []

    def which(self, samples: FloatArray) -> str:
        best, key = -1.0, ""
        for k, clip in self.clips.items():
            n = 1 << int(np.ceil(np.log2(samples.size + clip.size)))
            corr = np.fft.irfft(np.fft.rfft(samples, n) * np.conj(np.fft.rfft(clip, n)), n)
            score = float(corr.max()) / (float(np.linalg.norm(clip)) * float(np.linalg.norm(samples)) + 1e-9)
            if score > best:
                best, key = score, k
        return key

    def recognize(self, samples: FloatArray) -> Recognition:
        key = self.which(samples)
        self.heard.append(key)
        return Recognition(ASR_TEXTS[key], self.confidence.get(key, 0.92))


def expected_turns(ca: CallAudio) -> list[tuple[float, float, Role, str]]:
    turns = [(a, b, Role.AGENT, k) for (a, b), k in zip(ca.agent_clips, AGENT_ORDER, strict=True)]
    turns += [(a, b, Role.CUSTOMER, k) for (a, b), k in zip(ca.customer_clips, CUSTOMER_ORDER, strict=True)]
    return sorted(turns)


@pytest.fixture(scope="module")
def low_conf() -> dict[str, float]:
    # Two agent sentences recognised with low confidence (mumbled): VOC006 needs two.
    return {"explain": 0.41, "reply": 0.52, "m3": 0.3}


@pytest.fixture(scope="module")
def asr_call(audio: CallAudio, low_conf: dict[str, float]) -> Call:
    engine = ScriptedEngine(audio.clips, low_conf)
    return transcribe_recording(audio.files["base"], engine=engine, vad="silero")


# -- configuration --------------------------------------------------------------------------
def test_nothing_configured_says_how_to_configure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_MODEL, raising=False)
    monkeypatch.delenv(ENV_ENGINE, raising=False)
    with pytest.raises(AsrNotConfigured) as err:
        AsrConfig.from_env()
    msg = str(err.value)
    assert isinstance(err.value, HotlineQAError)
    for part in ("未配置语音识别模型", "--asr-model", "--asr-engine", ENV_MODEL, ENV_ENGINE, "不附带也不下载",
                 "No model is bundled or downloaded", "sherpa-paraformer", "funasr-paraformer"):
        assert part in msg


def test_transcribing_without_a_model_stops_before_decoding(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_MODEL, raising=False)
    missing_recording = tmp_path / "not-even-there.wav"
    with pytest.raises(AsrNotConfigured, match="HOTLINE_QA_ASR_MODEL"):
        transcribe_recording(missing_recording)


def test_environment_and_options(tmp_path: Path) -> None:
    folder = tmp_path / "paraformer"
    folder.mkdir()
    cfg = AsrConfig.from_env({ENV_MODEL: str(folder), ENV_ENGINE: "Sherpa-Paraformer"})
    assert (cfg.engine, cfg.model_dir, cfg.vad, cfg.num_threads) == ("sherpa-paraformer", folder, "silero", 1)
    # Explicit options (the CLI's) win over the environment.
    other = tmp_path / "sv"
    other.mkdir()
    cfg = AsrConfig.from_env({ENV_MODEL: str(folder), ENV_ENGINE: "sherpa-paraformer"},
                             engine="sherpa-sensevoice", model_dir=other, vad="webrtc", num_threads=2)
    assert (cfg.engine, cfg.model_dir, cfg.vad, cfg.num_threads) == ("sherpa-sensevoice", other, "webrtc", 2)
    with pytest.raises(AsrNotConfigured, match="未知的语音识别引擎 'whisper'"):
        AsrConfig.from_env({ENV_MODEL: str(folder), ENV_ENGINE: "whisper"})
    with pytest.raises(AsrModelError, match="模型目录不存在") as err:
        AsrConfig.from_env({ENV_MODEL: str(tmp_path / "nowhere"), ENV_ENGINE: "sherpa-paraformer"})
    assert err.value.folder == tmp_path / "nowhere"
    # No engine and an empty folder: the files cannot tell which engine.
    with pytest.raises(AsrNotConfigured, match="无法从模型目录"):
        AsrConfig.from_env({ENV_MODEL: str(folder)})


def test_engine_guessed_from_the_folder(tmp_path: Path) -> None:
    sv, pf, fa = (tmp_path / n for n in ("sv", "pf", "fa"))
    for d in (sv, pf, fa):
        d.mkdir()
    (sv / "tokens.txt").write_text("<unk> 0\n<s> 1\n</s> 2\n<|zh|> 3\n<|en|> 4\n的 5\n", encoding="utf-8")
    (pf / "tokens.txt").write_text("<blank> 0\n<s> 1\n</s> 2\n的 3\n是 4\n", encoding="utf-8")
    (fa / "tokens.json").write_text('["<blank>", "<s>", "</s>", "的"]', encoding="utf-8")
    (fa / "am.mvn").write_text("<Nnet>\n", encoding="utf-8")
    assert [guess_engine(d) for d in (sv, pf, fa, tmp_path)] == [
        "sherpa-sensevoice", "sherpa-paraformer", "funasr-paraformer", None]
    assert AsrConfig.from_env({ENV_MODEL: str(sv)}).engine == "sherpa-sensevoice"


# -- model folders --------------------------------------------------------------------------
def test_model_folder_missing_files_names_folder_and_files(tmp_path: Path) -> None:
    folder = tmp_path / "sherpa-onnx-paraformer-zh"
    folder.mkdir()
    (folder / "model.onnx").write_bytes(b"x")
    with pytest.raises(AsrModelError) as err:
        check_model_dir("sherpa-paraformer", folder)
    assert str(folder) in str(err.value) and "tokens.txt" in str(err.value)
    assert err.value.missing == ("tokens.txt",) and err.value.folder == folder

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(AsrModelError) as err:
        check_model_dir("sherpa-sensevoice", empty)
    assert err.value.missing == ("model.int8.onnx 或 model.onnx", "tokens.txt")

    fa = tmp_path / "funasr-export"
    fa.mkdir()
    (fa / "model_quant.onnx").write_bytes(b"x")
    (fa / "tokens.json").write_text("[]", encoding="utf-8")
    with pytest.raises(AsrModelError) as err:
        check_model_dir("funasr-paraformer", fa)
    assert err.value.missing == ("config.yaml", "am.mvn")
    assert "config.yaml" in str(err.value) and "am.mvn" in str(err.value) and str(fa) in str(err.value)

    a_file = folder / "model.onnx"
    with pytest.raises(AsrModelError, match="不是单个文件"):
        check_model_dir("sherpa-paraformer", a_file)


def test_complete_folder_prefers_the_quantised_model(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("model.onnx", "model.int8.onnx", "tokens.txt"):
        (folder / name).write_bytes(b"x")
    files = check_model_dir("sherpa-paraformer", folder)
    assert (files.model.name, files.tokens.name) == ("model.int8.onnx", "tokens.txt")
    (folder / "model.int8.onnx").unlink()
    assert check_model_dir("sherpa-paraformer", folder).model.name == "model.onnx"
    for name in ("model_quant.onnx", "config.yaml", "am.mvn", "tokens.json"):
        (folder / name).write_bytes(b"x")
    files = check_model_dir("funasr-paraformer", folder)
    assert files.model.name == "model_quant.onnx" and files.tokens.name == "tokens.json"
    assert sorted(files.extra) == ["am.mvn", "config.yaml"]


def test_a_missing_package_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("model.int8.onnx", "tokens.txt"):
        (folder / name).write_bytes(b"x")
    monkeypatch.setitem(sys.modules, "sherpa_onnx", None)  # import fails as if not installed
    with pytest.raises(AsrDependencyError, match=r"pip install 'hotline-qa\[asr\]'"):
        make_engine(AsrConfig(engine="sherpa-sensevoice", model_dir=folder))
    for name in ("model_quant.onnx", "config.yaml", "am.mvn", "tokens.json"):
        (folder / name).write_bytes(b"x")
    monkeypatch.setitem(sys.modules, "funasr_onnx", None)
    with pytest.raises(AsrDependencyError, match="pip install funasr-onnx"):
        make_engine(AsrConfig(engine="funasr-paraformer", model_dir=folder))


# -- signal helpers ---------------------------------------------------------------------------
def test_telephone_audio_upsampled_without_mirror_images() -> None:
    rate = 8000
    t = np.arange(rate * 2) / rate
    x = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    y = to_asr_rate(x, rate)
    assert y.size == 2 * x.size
    spec = np.abs(np.fft.rfft(y * np.hanning(y.size)))
    freqs = np.fft.rfftfreq(y.size, 1 / 16000)
    tone = spec[np.argmin(np.abs(freqs - 1000))]
    image = spec[np.argmin(np.abs(freqs - 7000))]  # 8000 - 1000: the mirror of the tone
    assert 20 * np.log10(image / tone) < -40
    assert np.sqrt(np.mean(y[1000:-1000] ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)


def test_long_speech_cut_at_its_quietest_moment() -> None:
    rate = 8000
    rng = np.random.default_rng(3)
    x = (0.3 * rng.standard_normal(rate * 70)).astype(np.float32)
    for pause in (20.0, 41.0, 62.0):  # quiet 200 ms dips where a breath would be
        x[int(pause * rate):int((pause + 0.2) * rate)] *= 0.01
    cut = split_long([(0.0, 70.0), (71.0, 75.0)], np.concatenate([x, np.zeros(rate * 6, np.float32)]), rate, 25.0)
    assert len(cut) == 5 and cut[-1] == (71.0, 75.0)
    assert cut[0][0] == 0.0 and cut[3][1] == 70.0
    assert [a for a, _ in cut[1:4]] == [b for _, b in cut[:3]]  # contiguous
    assert all(p <= b <= p + 0.2 for (_, b), p in zip(cut[:3], (20.0, 41.0, 62.0), strict=True))
    assert all(b - a <= 25.0 for a, b in cut)


def test_pieces_joined_into_turns() -> None:
    pieces = [
        _Piece(0, 1.0, 2.0, "您好", 0.9, 2), _Piece(0, 2.3, 4.0, "請問有什麼可以幫您", 0.5, 9),
        _Piece(1, 4.2, 5.0, "我要投訴", None, 4), _Piece(0, 5.2, 6.0, "好的", 0.8, 2),
        _Piece(0, 6.2, 7.0, "您請講", 0.7, 3),
    ]
    turns = join_turns(pieces, 0.5)
    assert [(t.channel, t.start, t.end) for t in turns] == [(0, 1.0, 4.0), (1, 4.2, 5.0), (0, 5.2, 7.0)]
    assert turns[0].text_original == "您好請問有什麼可以幫您"
    assert turns[0].text == "您好请问有什么可以帮您"
    assert turns[0].confidence == pytest.approx((0.9 * 2 + 0.5 * 9) / 11, abs=1e-4)
    assert turns[1].confidence is None
    # The customer speaking inside the agent's pause keeps the agent's pieces apart.
    split = join_turns([pieces[0], _Piece(1, 2.05, 2.25, "嗯", None, 1), pieces[1]], 0.5)
    assert [t.channel for t in split] == [0, 1, 0]
    assert mean_probability([0.0, np.log(0.5)]) == pytest.approx(0.75)
    assert mean_probability([]) is None


# -- the pipeline on a synthesised call ---------------------------------------------------------
def test_transcript_roles_times_text_and_confidence(audio: CallAudio, asr_call: Call,
                                                    low_conf: dict[str, float]) -> None:
    truth = expected_turns(audio)
    utts = asr_call.utterances
    assert [(u.role, u.text) for u in utts] == [(r, normalize_text(ASR_TEXTS[k])) for _, _, r, k in truth]
    for u, (a, b, role, key) in zip(utts, truth, strict=True):
        assert u.start == pytest.approx(a, abs=0.3) and u.end == pytest.approx(b, abs=0.3)
        assert u.original == ASR_TEXTS[key]
        assert u.confidence == low_conf.get(key, 0.92)
        assert u.channel == (0 if role is Role.AGENT else 1)
    assert [u.index for u in utts] == list(range(len(utts)))
    starts = [u.start or 0.0 for u in utts]
    assert starts == sorted(starts)
    # Normalised: simplified characters, no spaces between hanzi.
    assert utts[0].text == "您好这里是市民服务热线工号一二三很高兴为您服务"
    # The agent's interruption (1.5 s before the customer ends) starts inside the complaint.
    explain = next(u for u in utts if u.original == ASR_TEXTS["explain"])
    complain = next(u for u in utts if u.original == ASR_TEXTS["complain"])
    assert complain.start is not None and complain.end is not None and explain.start is not None
    assert complain.start < explain.start < complain.end
    assert asr_call.source_format == "asr/scripted"
    assert asr_call.call_id == "call"
    assert any("scripted" in w and "/models/scripted-zh" in w for w in asr_call.warnings)
    assert asr_call.has_timestamps


def test_channel_roles_follow_the_wiring(audio: CallAudio, asr_call: Call) -> None:
    engine = ScriptedEngine(audio.clips, {})
    swapped = transcribe_recording(audio.files["swapped"], engine=engine, vad="webrtc",
                                   channel_roles=("customer", "agent"))
    assert [(u.role, u.original) for u in swapped.utterances] == [(u.role, u.original) for u in asr_call.utterances]
    assert {u.channel for u in swapped.agent_turns} == {1}
    assert {u.channel for u in swapped.customer_turns} == {0}


def test_telephone_alaw_recording(audio: CallAudio, asr_call: Call) -> None:
    engine = ScriptedEngine(audio.clips, {})
    call = transcribe_recording(audio.files["alaw"], engine=engine, vad="silero")
    assert [(u.role, u.original) for u in call.utterances] == [(u.role, u.original) for u in asr_call.utterances]


def test_scored_with_voc006_from_the_confidence(audio: CallAudio, asr_call: Call) -> None:
    evaluation = Engine().evaluate(asr_call)
    voc006 = evaluation.result("VOC006")
    assert voc006.status is Status.FINDING
    low = {u.index for u in asr_call.agent_turns if u.original in (ASR_TEXTS["explain"], ASR_TEXTS["reply"])}
    assert {i for f in voc006.findings for i in f.evidence.utterances} == low
    clear = transcribe_recording(audio.files["base"], engine=ScriptedEngine(audio.clips, {}), vad="webrtc")
    assert Engine().evaluate(clear).result("VOC006").status is Status.PASSED


def test_mono_recording_keeps_roles_unknown(audio: CallAudio) -> None:
    call = transcribe_recording(audio.files["mono"], engine=ScriptedEngine(audio.clips, {}), vad="webrtc")
    assert call.utterances and {u.role for u in call.utterances} == {Role.UNKNOWN}
    assert any("单声道" in w for w in call.warnings)


# -- a real model, when the user has configured one -----------------------------------------------
needs_model = pytest.mark.skipif(not os.environ.get(ENV_MODEL), reason=NO_MODEL)


@needs_model
def test_real_model_transcribes_the_synthesised_call(audio: CallAudio) -> None:
    config = AsrConfig.from_env()
    call = transcribe_recording(audio.files["base"], config)
    agent = "".join(u.text for u in call.agent_turns)
    customer = "".join(u.text for u in call.customer_turns)
    assert any(w in agent for w in ("服务", "热线", "感谢", "再见", "您好")), agent
    assert any(w in customer for w in ("冰箱", "投诉", "修", "电话")), customer
    assert all(u.confidence is None or 0.0 <= u.confidence <= 1.0 for u in call.utterances)
    assert call.source_format == f"asr/{config.engine}"
    assert Engine().evaluate(call).result("VOC006").status in (Status.PASSED, Status.FINDING, Status.NOT_APPLICABLE)


@needs_model
def test_real_model_on_telephone_audio(audio: CallAudio) -> None:
    call = transcribe_recording(audio.files["alaw"], AsrConfig.from_env())
    assert call.agent_turns and call.customer_turns
    assert any("冰箱" in u.text for u in call.customer_turns)



def test_installed_sherpa_binding_has_the_api_the_adapter_calls() -> None:
    """`make test` installs the [asr] extra: the adapter's calls must exist in that binding."""
    sherpa_onnx = pytest.importorskip("sherpa_onnx")
    recognizer = sherpa_onnx.OfflineRecognizer
    assert callable(recognizer.from_paraformer) and callable(recognizer.from_sense_voice)
    import inspect

    params = inspect.signature(recognizer.from_sense_voice).parameters
    assert {"model", "tokens", "language", "use_itn"} <= set(params)


# -- through the pipeline and the command line ---------------------------------------------------


def test_recording_without_transcript_is_transcribed_then_scored(audio: CallAudio, low_conf: dict[str, float],
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from hotline_qa.audio import asr as asr_pkg
    from hotline_qa.core.findings import Basis, Status
    from hotline_qa.pipeline import evaluate_recording

    rec = tmp_path / "call.wav"
    shutil.copy(audio.files["base"], rec)  # alone: no transcript beside it
    model = tmp_path / "model"
    model.mkdir()
    for name in ("model.onnx", "tokens.txt"):
        (model / name).write_text("x", encoding="utf-8")
    engine = ScriptedEngine(audio.clips, low_conf)
    monkeypatch.setattr(asr_pkg, "load_engine", lambda config: engine)
    config = asr_pkg.AsrConfig.from_env({}, engine="sherpa-paraformer", model_dir=model)
    ev = evaluate_recording(rec, asr=config)
    assert ev.call["format"] == "asr/scripted"
    roles = [u["role"] for u in ev.call["utterances"]]
    assert roles[0] == "agent" and "customer" in roles
    voc006 = ev.result("VOC006")
    assert voc006.status is Status.FINDING and len(voc006.findings[0].evidence.utterances) == 2
    assert ev.result("LIS003").basis is Basis.AUDIO
    # Without ASR the same recording is scored from the sound only.
    alone = evaluate_recording(rec)
    assert alone.call["utterances"] == [] and alone.result("VOC006").status is Status.NOT_APPLICABLE


def test_cli_checks_the_model_folder_before_scoring(audio: CallAudio, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hotline_qa.cli.app import app

    empty = tmp_path / "empty-model"
    empty.mkdir()
    res = CliRunner().invoke(app, ["score", str(audio.files["base"]), "--asr-model", str(empty),
                                   "--asr-engine", "sherpa-paraformer"])
    assert res.exit_code == 2
    assert "empty-model" in res.output and "tokens.txt" in res.output
