// CaptureMessages: capture's entries in the message catalogue (assay/Message.hpp): instruments and
// their profiles, TCP listeners and watched folders, runs, staged readings and weighing. Listed by
// CaptureModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::capture::msg {

// Instruments and their profiles.
inline constexpr MessageDef kEquipmentRequired{"instrument.equipment_required", "必填：该仪器对应的设备档案（R15）",
                                               "required: the equipment record of the instrument (R15)"};
inline constexpr MessageDef kAnalytesRequired{"instrument.analytes_required", "必填：仪器的分析物代码及其对应的参数库参数",
                                              "required: the instrument's analyte codes and the register's parameters"};
inline constexpr MessageDef kNoSuchParameter{"instrument.no_such_parameter", "参数库中没有该参数", "no such parameter in the register"};
inline constexpr MessageDef kAnalytesTooMany{"instrument.analytes_too_many", "分析物代码过多", "too many"};
inline constexpr MessageDef kProfileTooLong{"instrument.profile_too_long", "仪器配置过长", "too long"};
inline constexpr MessageDef kNameTaken{"instrument.name_taken", "已有名为“{name}”的仪器", "an instrument is called {name} already"};
inline constexpr MessageDef kAnalytesObject{"instrument.analytes_object", "应为对象：仪器的分析物代码对应参数编号",
                                            "must be an object of code: parameter id"};
inline constexpr MessageDef kAnalyteParameterId{"instrument.analyte_parameter_id", "应为参数编号（十进制数字字符串）",
                                                "must be a parameter id (a decimal string)"};
inline constexpr MessageDef kProfileNotObject{"instrument.profile_not_object", "不是 JSON 对象", "not a JSON object"};
inline constexpr MessageDef kDriverNotLoaded{"instrument.driver_not_loaded", "该仪器的驱动 {driver} 未加载（见配置项 plugins.load）",
                                             "the instrument's driver {driver} is not loaded (plugins.load)"};
inline constexpr MessageDef kConnectHost{"instrument.connect_host_required", "填写 connect_port 时必填：连接的主机地址", "required with connect_port"};
inline constexpr MessageDef kSampleColumn{"instrument.sample_column_required", "必填：样品编号所在的列", "required: the column with the sample code"};
inline constexpr MessageDef kAnalyteColumn{"instrument.analyte_column_required", "长表格式必填（与 value_column 一起填写）",
                                           "required with the long layout, with value_column"};
inline constexpr MessageDef kBalanceHost{"instrument.balance_host_required", "必填：天平的地址", "required: the balance's address"};
inline constexpr MessageDef kBalancePort{"instrument.balance_port_required", "必填：天平的 TCP 端口", "required: the balance's TCP port"};

// Listeners, watched folders, weighing: {drivers} lists the drivers that can.
inline constexpr MessageDef kPortRange{"listener.port_invalid", "应为 0 至 65535（0 表示任选一个空闲端口）", "0 to 65535 (0: a free port)"};
inline constexpr MessageDef kOnlyListen{"listener.driver_cannot_listen", "只有 {drivers} 驱动的仪器能通过 TCP 接收数据",
                                        "only {drivers} instruments listen on TCP"};
inline constexpr MessageDef kListenerRunning{"listener.running", "该仪器的接收端口已在运行", "the instrument's listener is running"};
inline constexpr MessageDef kCannotListen{"listener.cannot_listen", "无法在 {address} 上监听（{error}）", "cannot listen on {address} ({error})"};
inline constexpr MessageDef kOnlyFiles{"watch.driver_cannot_read_files", "只有 {drivers} 驱动的仪器能从文件夹读取文件",
                                       "only {drivers} instruments read files from a folder"};
inline constexpr MessageDef kFolderName{"watch.folder_invalid", "应为 capture.folder_root 下的普通文件夹名", "a plain folder name under capture.folder_root"};
inline constexpr MessageDef kFolderWatched{"watch.already_watched", "该仪器的文件夹已在监视中", "the instrument's folder is watched already"};
inline constexpr MessageDef kOnlyWeigh{"weighing.driver_cannot_weigh", "只有 {drivers} 驱动的仪器能称量", "only {drivers} instruments weigh"};
inline constexpr MessageDef kAnalyteCode{"weighing.analyte_invalid", "应为该仪器的分析物代码之一（见其 analytes 映射）",
                                         "one of the instrument's analyte codes (its analytes map)"};
inline constexpr MessageDef kBalanceUnreachable{"weighing.balance_unreachable", "无法连接位于 {where} 的天平（{error}）",
                                                "the balance at {where} cannot be reached ({error})"};

// Runs and staged readings.
inline constexpr MessageDef kRunBody{"run.body_required", "必填：仪器发送的原始文件或报文", "required: the file or message as the instrument sent it"};
inline constexpr MessageDef kRunName{"run.name_required", "必填：文件名或发送方", "required: the file name or the sender"};
inline constexpr MessageDef kReadingChanged{"reading.changed", "该仪器读数已被他人修改，请刷新后重试", "the staged result was changed by someone else"};
inline constexpr MessageDef kNotAccepted{"reading.not_accepted", "状态为 {status} 的读数不能接受", "a {status} result is not accepted"};
inline constexpr MessageDef kMatchFirst{"reading.match_first", "状态为 {status} 的读数不能接受：请先匹配样品", "a {status} result is not accepted: match it first"};
inline constexpr MessageDef kRejectReason{"reading.reject_reason_required", "必填：不采用该读数的原因", "required: why the reading is not used"};
inline constexpr MessageDef kReadingAlready{"reading.status_already", "该读数已是 {status} 状态", "the reading is {status} already"};
inline constexpr MessageDef kOnlyUnmatched{"reading.only_unmatched", "只有未匹配的读数才能重新匹配", "only an unmatched reading is matched again"};

inline std::vector<const MessageDef*> all() {
    return {&kEquipmentRequired, &kAnalytesRequired, &kNoSuchParameter, &kAnalytesTooMany, &kProfileTooLong, &kNameTaken,
            &kAnalytesObject,    &kAnalyteParameterId, &kProfileNotObject, &kDriverNotLoaded, &kConnectHost, &kSampleColumn,
            &kAnalyteColumn,     &kBalanceHost,      &kBalancePort,     &kPortRange,      &kOnlyListen,     &kListenerRunning,
            &kCannotListen,      &kOnlyFiles,        &kFolderWatched,   &kOnlyWeigh,      &kAnalyteCode,    &kBalanceUnreachable,
            &kRunBody,           &kRunName,          &kReadingChanged,  &kNotAccepted,    &kMatchFirst,     &kRejectReason,
            &kReadingAlready,    &kOnlyUnmatched,      &kFolderName};
}

}  // namespace assay::capture::msg
