Attribute VB_Name = "LkjRibbon"
' lkj_xl add-in: the one ribbon callback. Every button of the LKj tab (customUI14.xml) calls it,
' and its tag names the Python handler (lkj_xl.addin.jalankan). RunPython comes from the xlwings
' module that the build takes from the installed xlwings package.
Option Explicit

Public Sub LkjTombol(control As IRibbonControl)
    Dim tag As String
    tag = control.Tag
    If ActiveWorkbook Is Nothing Then
        MsgBox "Buka dulu workbook LKj Anda (atau buat workbook kosong), lalu klik tombol ini lagi.", _
               vbExclamation, "LKj"
        Exit Sub
    End If
    RunPython "import lkj_xl.addin; lkj_xl.addin.jalankan('" & tag & "')"
End Sub
